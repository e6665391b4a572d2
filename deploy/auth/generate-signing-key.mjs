#!/usr/bin/env node
// A new ES256 signing key for the gateway, and the JWKS that services trust.
//
//   node deploy/auth/generate-signing-key.mjs --key FILE --jwks FILE [--keep-jwks FILE] [--if-missing]
//
// --key gets the private JWK with its kid (the gateway's AUTH_SIGNING_KEY_FILE: keep it
// secret), --jwks its public half plus every key of --keep-jwks (what AUTH_JWKS points at).
// Rotation keeps the old public key in the JWKS until tokens signed with it have expired
// (deploy/OPERATIONS.md, "Rotating JWT keys"). --if-missing does nothing when both files
// exist (docker compose runs it at every start).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    key: { type: 'string' },
    jwks: { type: 'string' },
    'keep-jwks': { type: 'string' },
    'if-missing': { type: 'boolean' },
  },
});
if (!values.key || !values.jwks) {
  console.error('usage: generate-signing-key.mjs --key FILE --jwks FILE [--keep-jwks FILE] [--if-missing]');
  process.exit(2);
}
const signingKeyFile = values.key;
const jwksFile = values.jwks;

if (values['if-missing'] && fs.existsSync(signingKeyFile) && fs.existsSync(jwksFile)) {
  console.log(`${signingKeyFile} and ${jwksFile} exist already`);
  process.exit(0);
}

const kept = values['keep-jwks'] ? JSON.parse(fs.readFileSync(values['keep-jwks'], 'utf8')).keys : [];
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const kid = randomUUID();
const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };

for (const file of [signingKeyFile, jwksFile]) fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(signingKeyFile, JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256' }), {
  mode: 0o600,
});
fs.writeFileSync(jwksFile, `${JSON.stringify({ keys: [publicJwk, ...kept] }, null, 2)}\n`, { mode: 0o644 });
console.log(`new signing key ${kid}; the JWKS holds ${kept.length + 1} key(s)`);
