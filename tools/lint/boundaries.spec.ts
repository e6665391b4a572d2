// Proves the architecture rules of eslint.config.mjs on a scratch repository: a copy
// of the config beside a few apps/ and libs/ files, linted by the ESLint CLI in a child
// process (Jest cannot load an ES module config in-process without
// --experimental-vm-modules, and the rule resolves imports, so the files must exist).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const ESLINT_BIN = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');

const FILES: Record<string, string> = {
  'apps/production-reporting/src/report.ts': 'export const report = 1;\n',
  'apps/deposit-registry/src/own.ts': 'export const own = 1;\n',
  'apps/deposit-registry/src/cross-app.ts':
    "import { report } from '../../production-reporting/src/report';\nexport const used = report;\n",
  'apps/deposit-registry/src/relative-lib.ts':
    "import { TOPIC } from '../../../libs/contracts/src/index';\nexport const used = TOPIC;\n",
  'apps/deposit-registry/src/allowed.ts':
    "import { TOPIC } from '@redmet/contracts';\nimport { outbox } from '@redmet/messaging';\nimport { own } from './own';\nexport const used = [TOPIC, outbox, own];\n",
  'libs/contracts/src/index.ts': "import { isUUID } from 'class-validator';\nexport const TOPIC = isUUID('x');\n",
  'libs/contracts/src/infrastructure.ts': [
    "import { Injectable } from '@nestjs/common';",
    "import { Repository } from 'typeorm';",
    "import { Pool } from 'pg';",
    "import { Kafka } from 'kafkajs';",
    "import { outbox } from '@redmet/messaging';",
    'export const used = [Injectable, Repository, Pool, Kafka, outbox];\n',
  ].join('\n'),
  'libs/contracts/src/to-app.ts':
    "import { own } from '../../../apps/deposit-registry/src/own';\nexport const used = own;\n",
  'libs/contracts/src/to-lib.ts': "import { outbox } from '../../messaging/src/index';\nexport const used = outbox;\n",
  'libs/messaging/src/index.ts': "import { TOPIC } from '@redmet/contracts';\nexport const outbox = TOPIC;\n",
  'libs/contracts/src/vocabulary/roles.ts': "export const ROLES = ['producer'] as const;\n",
  'libs/contracts/src/vocabulary/index.ts': "export * from './roles';\n",
  'libs/contracts/src/vocabulary/decorated.ts':
    "import { IsIn } from 'class-validator';\nimport { TOPIC } from '../index';\nexport const used = [IsIn, TOPIC];\n",
  'apps/console/src/shared-words.ts':
    "import { ROLES } from '@redmet/contracts/vocabulary';\nimport { own } from './own';\nexport const used = [ROLES, own];\n",
  'apps/console/src/own.ts': 'export const own = 1;\n',
  'apps/console/src/whole-contracts.ts':
    "import { TOPIC } from '@redmet/contracts';\nimport { outbox } from '@redmet/messaging';\nexport const used = [TOPIC, outbox];\n",
};

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

describe('architecture boundaries in eslint.config.mjs', () => {
  let scratch: string;
  const ruleIds = new Map<string, (string | null)[]>();

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'redmet-lint-'));
    copyFileSync(path.join(ROOT, 'eslint.config.mjs'), path.join(scratch, 'eslint.config.mjs'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(scratch, 'node_modules'), 'junction');
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      writeFileSync(path.join(scratch, file), text);
    }
    const lint = spawnSync(process.execPath, [ESLINT_BIN, '--format', 'json', 'apps', 'libs'], {
      cwd: scratch,
      encoding: 'utf8',
    });
    if (lint.status !== 0 && lint.status !== 1) throw new Error(`eslint failed (${lint.status}): ${lint.stderr}`);
    for (const result of JSON.parse(lint.stdout) as LintResult[]) {
      ruleIds.set(
        path.relative(scratch, result.filePath).split(path.sep).join('/'),
        result.messages.map((m) => m.ruleId),
      );
    }
  }, 60_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each([
    ['an app importing another app', 'apps/deposit-registry/src/cross-app.ts', ['import-x/no-restricted-paths']],
    [
      'an app reaching into a lib by a relative path',
      'apps/deposit-registry/src/relative-lib.ts',
      ['import-x/no-restricted-paths'],
    ],
    ['a lib importing an app', 'libs/contracts/src/to-app.ts', ['import-x/no-restricted-paths']],
    [
      'a lib reaching into another lib by a relative path',
      'libs/contracts/src/to-lib.ts',
      ['import-x/no-restricted-paths'],
    ],
    [
      'contracts importing NestJS, TypeORM, pg, kafkajs and another lib',
      'libs/contracts/src/infrastructure.ts',
      Array(5).fill('no-restricted-imports'),
    ],
    [
      'the console importing all of @redmet/contracts (decorators and all) or another lib',
      'apps/console/src/whole-contracts.ts',
      Array(2).fill('no-restricted-imports'),
    ],
    [
      'the vocabulary importing a validator or a file outside its folder',
      'libs/contracts/src/vocabulary/decorated.ts',
      Array(2).fill('no-restricted-imports'),
    ],
  ])('rejects %s', (_, file, expected) => {
    expect(ruleIds.get(file)).toEqual(expected);
  });

  it.each([
    ['an app importing libs through their aliases and its own files', 'apps/deposit-registry/src/allowed.ts'],
    ['another lib importing @redmet/contracts', 'libs/messaging/src/index.ts'],
    ['contracts importing class-validator', 'libs/contracts/src/index.ts'],
    ['the console importing the vocabulary and its own files', 'apps/console/src/shared-words.ts'],
    ['the vocabulary importing its own files', 'libs/contracts/src/vocabulary/index.ts'],
  ])('allows %s', (_, file) => {
    expect(ruleIds.get(file)).toEqual([]);
  });
});
