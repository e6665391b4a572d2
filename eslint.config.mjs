// @ts-check
// ESLint flat config: typescript-eslint's recommended rules, the architecture
// boundaries of STYLE.md, and eslint-config-prettier last (Prettier owns layout).
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** What `libs/contracts` may never import: it must stay loadable by anything (no framework, no I/O). */
const CONTRACTS_FORBIDDEN = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg/*', 'kafkajs', 'kafkajs/*'];

/** The Node globals plain JavaScript files use (TypeScript checks its own). */
const NODE_GLOBALS = Object.fromEntries(
  ['AbortController', 'Buffer', 'URL', 'console', 'fetch', 'process', 'structuredClone']
    .concat(['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate'])
    .map((name) => [name, 'readonly']),
);
const COMMONJS_GLOBALS = {
  __dirname: 'readonly',
  __filename: 'readonly',
  exports: 'writable',
  module: 'writable',
  require: 'readonly',
};

function folders(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

/** A zone per folder of `parent`: it may not reach into its siblings by a relative path. */
function siblingZones(root, parent, message) {
  return folders(path.join(root, parent)).map((name) => ({
    target: `./${parent}/${name}`,
    from: `./${parent}`,
    except: [`./${name}`],
    message,
  }));
}

/**
 * The architecture rules of STYLE.md for the repository rooted at `root` (tools/lint/boundaries.spec.ts
 * proves them on a scratch copy). Import paths are resolved, so `../../other-app/src/x` is caught however
 * it is spelled; the `@redmet/*` aliases are deliberately left unresolved, and therefore allowed.
 */
function boundaries(root) {
  const zones = [
    ...siblingZones(root, 'apps', 'An app never imports another app: share through libs/ or Kafka events.'),
    ...siblingZones(root, 'libs', 'A lib reaches another lib only through its @redmet/* alias.'),
    { target: './libs', from: './apps', message: 'libs/ never import from apps/.' },
    {
      target: './apps',
      from: './libs',
      message: 'Import a lib through its @redmet/* alias (@redmet/contracts, @redmet/messaging, ...).',
    },
  ];
  return defineConfig(
    {
      name: 'redmet/boundaries',
      files: ['apps/**/*.ts', 'libs/**/*.ts'],
      plugins: { 'import-x': importX },
      settings: {
        'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.cjs', '.js', '.json'] })],
      },
      rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones }] },
    },
    {
      name: 'redmet/contracts-stays-plain',
      files: ['libs/contracts/**/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: CONTRACTS_FORBIDDEN,
                message:
                  'libs/contracts holds events, topics and value types only: no NestJS, database or Kafka client.',
              },
              { group: ['@redmet/*'], message: 'libs/contracts depends on no other lib.' },
            ],
          },
        ],
      },
    },
  );
}

export default defineConfig(
  globalIgnores(['**/dist/', '**/.cache/', '**/node_modules/', '**/coverage/', 'package-lock.json']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'redmet/typescript',
    files: ['**/*.ts'],
    rules: {
      // Unused arguments are fine when prefixed with `_` (handler signatures are fixed by Nest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'redmet/node-scripts',
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    name: 'redmet/commonjs',
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: COMMONJS_GLOBALS },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web console's React files: TypeScript checks their browser globals (its DOM lib); the same
    // unused-variable rule as the .ts files.
    name: 'redmet/console',
    files: ['apps/console/**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@redmet/(?!contracts/vocabulary$)',
              message:
                'The browser bundle shares only @redmet/contracts/vocabulary (plain constants) with the services.',
            },
          ],
        },
      ],
    },
  },
  boundaries(import.meta.dirname),
  {
    // What the console's bundle takes from libs/contracts: plain constants, nothing that pulls in decorators
    // (after the boundaries, whose rule for libs/contracts this one replaces with a stricter one).
    name: 'redmet/contracts-vocabulary',
    files: ['libs/contracts/src/vocabulary/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'The vocabulary imports nothing from outside its folder.' }] },
      ],
    },
  },
  prettier,
);
