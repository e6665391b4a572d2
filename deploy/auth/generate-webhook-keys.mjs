#!/usr/bin/env node
// The keys that seal target-monitoring's webhook signing secrets at rest (its
// WEBHOOK_SECRET_KEYS_FILE): a line `<id>:<32 random bytes in base64>` each, the first sealing,
// the others only opening what they sealed.
//
//   node deploy/auth/generate-webhook-keys.mjs --file FILE [--if-missing | --add | --promote]
//
// Without an option it creates FILE with one key, and refuses to overwrite one (that would lose
// every sealed secret); --if-missing does nothing when FILE exists (docker compose runs it at
// every start). A rotation has two steps, each followed by a restart of every instance
// (deploy/OPERATIONS.md, "Webhook secrets and the key that seals them"): --add puts a new key
// second, so that every instance can open with it; --promote puts that key first, so that it
// seals, and the service seals every secret under it again at start.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    'if-missing': { type: 'boolean' },
    add: { type: 'boolean' },
    promote: { type: 'boolean' },
  },
});
const modes = ['if-missing', 'add', 'promote'].filter((mode) => values[mode]);
if (!values.file || modes.length > 1) {
  console.error('usage: generate-webhook-keys.mjs --file FILE [--if-missing | --add | --promote]');
  process.exit(2);
}
const file = values.file;
const exists = fs.existsSync(file);
const fail = (message) => {
  console.error(message);
  process.exit(1);
};
// Dated, to tell which is newer; the random part keeps two made on one day apart.
const newKey = () =>
  `${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}:${randomBytes(32).toString('base64')}`;
const write = (keys) => fs.writeFileSync(file, `${keys.join('\n')}\n`, { mode: 0o600 });
const keysIn = () =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
const idOf = (key) => key.split(':')[0];

if (values.add || values.promote) {
  if (!exists) fail(`${file} does not exist: create it first, without --add or --promote`);
  const keys = keysIn();
  if (values.add) {
    write([keys[0], newKey(), ...keys.slice(1)]);
    console.log(`added ${idOf(keysIn()[1])}; ${idOf(keys[0])} still seals. Restart every instance, then --promote`);
  } else {
    if (keys.length < 2) fail(`${file} has one key: --add one first`);
    write([keys[1], keys[0], ...keys.slice(2)]);
    console.log(`${idOf(keys[1])} seals now; ${idOf(keys[0])} only opens. Restart every instance`);
  }
} else if (exists) {
  if (values['if-missing']) console.log(`${file} exists already`);
  else fail(`${file} exists: --add adds a key to it (overwriting it would lose every sealed secret)`);
} else {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  write([newKey()]);
  console.log(`new sealing key ${idOf(keysIn()[0])} in ${file}`);
}
