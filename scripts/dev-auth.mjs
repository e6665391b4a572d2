// The development signing key: the gateway signs users' tokens with it
// (AUTH_SIGNING_KEY_FILE's default), `npm run token` signs tokens for curl and
// Swagger, and services trust its public half through
// AUTH_JWKS=.cache/auth/jwks.json (their default). Never used in production.
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { ROOT } from './services.mjs';

const AUTH_DIR = path.join(ROOT, '.cache/auth');
const PRIVATE_KEY_FILE = path.join(AUTH_DIR, 'dev-signing-key.json');
const JWKS_FILE = path.join(AUTH_DIR, 'jwks.json');

/** Creates the key pair once; returns false when it already existed. */
export function ensureDevSigningKey() {
  if (fs.existsSync(PRIVATE_KEY_FILE) && fs.existsSync(JWKS_FILE)) return false;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomUUID();
  fs.mkdirSync(AUTH_DIR, { recursive: true });
  fs.writeFileSync(PRIVATE_KEY_FILE, JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256' }), {
    mode: 0o600,
  });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
  fs.writeFileSync(JWKS_FILE, JSON.stringify({ keys: [jwk] }, null, 2));
  return true;
}

export async function signDevToken({ roles, companyId, subject, name, expiresIn = '8h' }) {
  ensureDevSigningKey();
  const jwk = JSON.parse(fs.readFileSync(PRIVATE_KEY_FILE, 'utf8'));
  return new SignJWT({ roles, ...(companyId ? { company_id: companyId } : {}), ...(name ? { name } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setSubject(subject ?? `dev-${roles.join('-')}`)
    .setIssuer('redmet-gateway')
    .setAudience('redmet')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(createPrivateKey({ key: jwk, format: 'jwk' }));
}
