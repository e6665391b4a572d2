import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GatewayEnvironment } from '../gateway.environment';
import { TokenIssuer } from './token-issuer';

describe('TokenIssuer.publishedKeys', () => {
  it('publishes the public members only, even from a JWKS file that holds a private key', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'jwks-')), 'jwks.json');
    const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'k1', alg: 'ES256' };
    writeFileSync(file, JSON.stringify({ keys: [privateJwk] }));
    const issuer = new TokenIssuer({ AUTH_JWKS: `${file},https://idp.example/jwks` } as GatewayEnvironment);

    const { keys } = issuer.publishedKeys();

    const { d: _secret, ...publicJwk } = privateJwk;
    expect(keys).toEqual([publicJwk]);
  });
});
