#!/usr/bin/env node
// The keys that seal target-monitoring's webhook signing secrets at rest (its
// WEBHOOK_SECRET_KEYS_FILE): a line `<id>:<32 random bytes in base64>` each, the first sealing,
// the others only opening what they sealed; blank lines and `#` comments are kept as they are.
//
//   node deploy/auth/generate-webhook-keys.mjs --file FILE [--if-missing | --add | --promote ID | --drop ID]
//
// Without an option it creates FILE with one key, and refuses to overwrite one (that would lose
// every sealed secret); --if-missing does nothing when FILE exists (docker compose runs it at
// every start). A rotation (deploy/OPERATIONS.md, "Webhook secrets and the key that seals them"):
// --add puts a new key after the sealing one, so that every instance can open with it; --promote ID
// makes that key the sealing one (the service seals every secret under it again at start); --drop ID
// removes a key no secret is sealed under any more. Each step is followed by a restart of every instance.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    'if-missing': { type: 'boolean' },
    add: { type: 'boolean' },
    promote: { type: 'string' },
    drop: { type: 'string' },
  },
});
const modes = ['if-missing', 'add', 'promote', 'drop'].filter((mode) => values[mode] !== undefined);
if (!values.file || modes.length > 1) {
  console.error('usage: generate-webhook-keys.mjs --file FILE [--if-missing | --add | --promote ID | --drop ID]');
  process.exit(2);
}
const file = values.file;
const fail = (message) => {
  console.error(message);
  process.exit(1);
};
// Dated, to tell which is newer; the random part keeps two made on one day apart.
const newKey = () =>
  `${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}:${randomBytes(32).toString('base64')}`;
// As the service reads the file: a key is a line that is neither blank nor a comment, once trimmed.
const isKey = (line) => line.trim() !== '' && !line.trim().startsWith('#');
const idOf = (line) => line.trim().split(':')[0];
const write = (lines) => fs.writeFileSync(file, `${lines.join('\n').replace(/\n+$/, '')}\n`, { mode: 0o600 });

if (!fs.existsSync(file)) {
  if (modes.length > 0 && !values['if-missing']) fail(`${file} does not exist: create it first, with no option`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  write([newKey()]);
  console.log(`new sealing key ${idOf(fs.readFileSync(file, 'utf8'))} in ${file}`);
  process.exit(0);
}
if (modes.length === 0) fail(`${file} exists: --add adds a key to it (overwriting it would lose every sealed secret)`);
if (values['if-missing']) {
  console.log(`${file} exists already`);
  process.exit(0);
}

const lines = fs.readFileSync(file, 'utf8').split('\n');
const keyLines = lines.map((line, index) => (isKey(line) ? index : -1)).filter((index) => index >= 0);
if (keyLines.length === 0) fail(`${file} holds no key`);
const sealing = keyLines[0];
const find = (id) => {
  const index = keyLines.find((line) => idOf(lines[line]) === id);
  if (index === undefined) fail(`${file} holds no key ${id}`);
  return index;
};

if (values.add) {
  const key = newKey();
  lines.splice(sealing + 1, 0, key);
  write(lines);
  console.log(
    `added ${idOf(key)}; ${idOf(lines[sealing])} still seals. Restart every instance, then --promote ${idOf(key)}`,
  );
} else if (values.promote !== undefined) {
  const index = find(values.promote);
  if (index === sealing) fail(`${values.promote} seals already`);
  const [promoted] = lines.splice(index, 1);
  lines.splice(sealing, 0, promoted);
  write(lines);
  console.log(`${values.promote} seals now; the others only open. Restart every instance`);
} else {
  const index = find(values.drop);
  if (index === sealing) fail(`${values.drop} is the sealing key: promote another first`);
  lines.splice(index, 1);
  write(lines);
  console.log(`dropped ${values.drop}: what it sealed no longer opens. Restart every instance`);
}
