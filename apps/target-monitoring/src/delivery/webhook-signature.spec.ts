import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const at = new Date('2026-05-01T00:05:00Z');
  const body = '{"event":"AlertRaised"}';

  it('is verified by a receiver holding the same secret', () => {
    const header = signWebhook(['s3cret'], body, at);
    expect(header).toMatch(/^t=1777593900,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret', body, header, at)).toBe(true);
  });

  it('fails for another secret, a changed body or an old timestamp', () => {
    const header = signWebhook(['s3cret'], body, at);
    expect(verifyWebhook('other', body, header, at)).toBe(false);
    expect(verifyWebhook('s3cret', `${body} `, header, at)).toBe(false);
    expect(verifyWebhook('s3cret', body, header, new Date(at.getTime() + 3_600_000))).toBe(false);
    expect(verifyWebhook('s3cret', body, 'garbage', at)).toBe(false);
    expect(verifyWebhook('s3cret', body, 't=1777593900', at)).toBe(false);
  });

  it('while a rotation overlaps, carries one signature per secret, so a receiver holding either verifies it', () => {
    const header = signWebhook(['new-secret', 'old-secret'], body, at);
    expect(header).toMatch(/^t=1777593900,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('new-secret', body, header, at)).toBe(true);
    expect(verifyWebhook('old-secret', body, header, at)).toBe(true);
    expect(verifyWebhook('third-secret', body, header, at)).toBe(false);
  });
});
