import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-redmet-signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with a secret of the subscription>`, with one
 * `v1` for each of its secrets that signs (two while a rotation overlaps, the newest first).
 * Signing the time too lets a receiver refuse old replays.
 */
export function signWebhook(secrets: string[], body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const digests = secrets.map((secret) => `v1=${hmac(secret, timestamp, body)}`);
  return [`t=${timestamp}`, ...digests].join(',');
}

/** What a receiver does: recompute and compare each `v1` in constant time, within a tolerance for the clock. */
export function verifyWebhook(
  secret: string,
  body: string,
  header: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(',').map((part) => part.split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  if (!Number.isInteger(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body));
  return parts.some(([name, value]) => {
    const given = Buffer.from(name === 'v1' ? (value ?? '') : '');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}
