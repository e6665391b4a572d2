import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GatewayEnvironment } from '../gateway.environment';
import { TokenIssuer } from './token-issuer';

const folder = () => mkdtempSync(path.join(tmpdir(), 'jwks-'));

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256' },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' },
  };
}

function writeJson(directory: string, name: string, value: object): string {
  const file = path.join(directory, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('TokenIssuer.publishedKeys', () => {
  const started = (signing: object, jwks: object) => {
    const directory = folder();
    const jwksFile = writeJson(directory, 'jwks.json', jwks);
    const issuer = new TokenIssuer({
      AUTH_SIGNING_KEY_FILE: writeJson(directory, 'signing-key.json', signing),
      AUTH_JWKS: `${jwksFile},https://idp.example/jwks`,
    } as GatewayEnvironment);
    issuer.onModuleInit();
    return { issuer, jwksFile };
  };

  it('publishes the public members only, even from a JWKS file that holds a private key', () => {
    const { privateJwk } = keyPair('k1');
    const { issuer } = started(privateJwk, { keys: [privateJwk] });

    const { keys } = issuer.publishedKeys();

    const { d: _secret, ...publicJwk } = privateJwk;
    expect(keys).toEqual([publicJwk]);
  });

  it('serves the JWKS read at start, not the file as it is now: a rotation restarts the gateway', () => {
    const current = keyPair('k1');
    const { issuer, jwksFile } = started(current.privateJwk, { keys: [current.publicJwk] });

    writeFileSync(jwksFile, JSON.stringify({ keys: [keyPair('k2').publicJwk] }));
    expect(issuer.publishedKeys()).toEqual({ keys: [current.publicJwk] });
    writeFileSync(jwksFile, 'half-written {');
    expect(issuer.publishedKeys()).toEqual({ keys: [current.publicJwk] });
  });
});

describe('TokenIssuer at start', () => {
  const issuerWith = (signing: object, published: object[]) => {
    const directory = folder();
    return new TokenIssuer({
      AUTH_SIGNING_KEY_FILE: writeJson(directory, 'signing-key.json', signing),
      AUTH_JWKS: writeJson(directory, 'jwks.json', { keys: published }),
    } as GatewayEnvironment);
  };

  it('starts when the JWKS publishes the signing key, beside others being rotated out', () => {
    const current = keyPair('new');
    expect(() =>
      issuerWith(current.privateJwk, [current.publicJwk, keyPair('old').publicJwk]).onModuleInit(),
    ).not.toThrow();
  });

  it('refuses to sign with a key the JWKS lacks, or holds another key under its kid: services would refuse every token', () => {
    const current = keyPair('new');
    expect(() => issuerWith(current.privateJwk, [keyPair('old').publicJwk]).onModuleInit()).toThrow(
      /AUTH_SIGNING_KEY_FILE.*new.*AUTH_JWKS/,
    );
    expect(() => issuerWith(current.privateJwk, [keyPair('new').publicJwk]).onModuleInit()).toThrow(
      /AUTH_SIGNING_KEY_FILE.*new.*AUTH_JWKS/,
    );
  });
});
