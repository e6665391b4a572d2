#!/usr/bin/env node
// The keys that seal target-monitoring's webhook signing secrets at rest (its
// WEBHOOK_SECRET_KEYS_FILE): a line `<id>:<32 random bytes in base64>` each, the first sealing.
//
//   node deploy/auth/generate-webhook-keys.mjs --file FILE [--if-missing | --rotate]
//
// --if-missing does nothing when the file exists (docker compose runs it at every start).
// --rotate puts a new key first and keeps the others, which still open what they sealed: the
// service seals those secrets again under the new key when it next starts, after which the old
// lines can be removed (deploy/OPERATIONS.md, "Rotating the webhook secrets' key").
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { file: { type: 'string' }, 'if-missing': { type: 'boolean' }, rotate: { type: 'boolean' } },
});
if (!values.file || (values['if-missing'] && values.rotate)) {
  console.error('usage: generate-webhook-keys.mjs --file FILE [--if-missing | --rotate]');
  process.exit(2);
}
const file = values.file;
const exists = fs.existsSync(file);
if (exists && values['if-missing']) {
  console.log(`${file} exists already`);
  process.exit(0);
}
if (exists && !values.rotate) {
  console.error(`${file} exists: --rotate adds a key to it (overwriting it would lose every sealed secret)`);
  process.exit(1);
}

const kept = exists
  ? fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
  : [];
// Dated, to tell which is newer; the random part keeps two made in one second apart.
const id = `${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${[`${id}:${randomBytes(32).toString('base64')}`, ...kept].join('\n')}\n`, { mode: 0o600 });
console.log(`new sealing key ${id}; ${file} holds ${kept.filter((line) => !line.startsWith('#')).length + 1} key(s)`);
