import { randomUUID } from 'node:crypto';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { ClaimSubmitted } from '@redmet/contracts';
import { IdempotentRequests } from '@redmet/platform';
import { waitFor, waitForLockWait } from '@redmet/testing';
import { claimBody, discountLine, producerOf, useSubsidyWorld } from './support/fixtures';

const KEY = 'Idempotency-Key';
const REPLAYED = 'idempotency-replayed';

/** A client that timed out, or a double click, sends the same change again with the same Idempotency-Key. */
describe('Idempotency-Key: a change retried with one key runs once', () => {
  const suite = useSubsidyWorld({ companies: 12 });

  const producer = (index: number) => suite.subsidy.as(producerOf(suite.companies[index]));
  const body = (index: number, overrides: Record<string, unknown> = {}) =>
    claimBody(suite.reports.get(suite.companies[index])!, overrides);
  const written = async (index: number) => {
    const [row] = await suite.subsidy.sql<{ claims: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM claim WHERE company_id = $1) AS claims,
              (SELECT count(*)::int FROM audit_entry WHERE action = 'claim.created'
                 AND subject_id IN (SELECT id::text FROM claim WHERE company_id = $1)) AS audit`,
      [suite.companies[index]],
    );
    return row;
  };
  /** What a run that went quiet for longer than the in-progress timeout leaves. */
  const ageClaim = (key: string) =>
    suite.subsidy.sql(
      `UPDATE idempotent_request SET claimed_at = now() - interval '1 hour' WHERE idempotency_key = $1`,
      [key],
    );

  it('creates one claim and submits it once, the repeat answered with the first answer, marked a replay', async () => {
    const http = await producer(0);
    const key = randomUUID();
    const sent = body(0);

    const first = await http.post('/claims').set(KEY, key).send(sent);
    const second = await http.post('/claims').set(KEY, key).send(sent);

    expect(first.status).toBe(201);
    expect(first.headers[REPLAYED]).toBeUndefined();
    expect(second.status).toBe(201);
    expect(second.headers[REPLAYED]).toBe('true');
    expect(second.text).toBe(first.text);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(await written(0)).toEqual({ claims: 1, audit: 1 });

    const submitKey = randomUUID();
    const submitted = await http.post(`/claims/${first.body.id}/submit`).set(KEY, submitKey);
    const again = await http.post(`/claims/${first.body.id}/submit`).set(KEY, submitKey);
    expect(submitted.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers[REPLAYED]).toBe('true');
    expect(again.body).toEqual(submitted.body);
    expect((await suite.subsidy.eventsOf(first.body.id)).filter((type) => type === ClaimSubmitted.type)).toHaveLength(
      1,
    );
    // What the repeat would have met had it run: the claim is no longer a draft.
    expect((await http.post(`/claims/${first.body.id}/submit`)).status).toBe(409);
  });

  it('runs one of two requests sent at once with one key; the other waits its turn or gets the answer', async () => {
    const http = await producer(1);
    const key = randomUUID();
    const sent = body(1);
    const answers = await Promise.all([1, 2].map(() => http.post('/claims').set(KEY, key).send(sent)));

    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((answer) => answer.body.id)).size).toBe(1);
    for (const other of answers.filter((answer) => answer.status !== 201)) {
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(other.headers['retry-after']).toBe('1');
    }
    expect(await written(1)).toEqual({ claims: 1, audit: 1 });
  });

  it('refuses the key with another body, method or path (422), writing nothing', async () => {
    const http = await producer(2);
    const key = randomUUID();
    const first = await http.post('/claims').set(KEY, key).send(body(2));
    expect(first.status).toBe(201);

    const otherBody = await http
      .post('/claims')
      .set(KEY, key)
      .send(body(2, { lines: [discountLine('11')] }));
    const otherRoute = await http.patch(`/claims/${first.body.id}`).set(KEY, key).send({ noTaxArrears: true });

    for (const refused of [otherBody, otherRoute]) {
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_REUSED');
      expect(refused.body.errors).toEqual([{ field: `header.${KEY}`, messages: [expect.stringContaining(KEY)] }]);
    }
    expect(await written(2)).toEqual({ claims: 1, audit: 1 });
    const [claim] = await suite.subsidy.sql<{ version: number }>('SELECT version FROM claim WHERE id = $1', [
      first.body.id,
    ]);
    expect(claim.version).toBe(1);
  });

  it('creates a claim per request without a key, as before', async () => {
    const http = await producer(3);
    expect((await http.post('/claims').send(body(3))).status).toBe(201);
    expect((await http.post('/claims').send(body(3))).status).toBe(201);
    expect(await written(3)).toEqual({ claims: 2, audit: 2 });
  });

  it('keys per caller: another producer using the same key runs its own request', async () => {
    const key = randomUUID();
    const mine = await (await producer(4)).post('/claims').set(KEY, key).send(body(4));
    const theirs = await (await producer(5)).post('/claims').set(KEY, key).send(body(5));
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers[REPLAYED]).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('keys per company: a producer moved to another company runs the key afresh there, not replayed the first', async () => {
    const userId = `u-producer-moved-${randomUUID()}`;
    const at = (index: number) => suite.subsidy.as({ ...producerOf(suite.companies[index]), userId });
    const key = randomUUID();
    const sent = body(8);

    const first = await (await at(8)).post('/claims').set(KEY, key).send(sent);
    const moved = await (await at(9)).post('/claims').set(KEY, key).send(sent);
    const back = await (await at(8)).post('/claims').set(KEY, key).send(sent);

    expect(first.status).toBe(201);
    // Not the first company's claim: the request ran again, as the producer of the company it acts for now.
    expect(moved.status).toBe(201);
    expect(moved.headers[REPLAYED]).toBeUndefined();
    expect(moved.body.companyId).toBe(suite.companies[9]);
    expect(moved.text).not.toContain(first.body.id);
    // Each company keeps its own answer: back at the first company, the retry is replayed, not run a third time.
    expect(back.headers[REPLAYED]).toBe('true');
    expect(back.text).toBe(first.text);
    expect(await written(8)).toEqual({ claims: 1, audit: 1 });
    expect(await written(9)).toEqual({ claims: 1, audit: 1 });
  });

  it('replays a 4xx answer, the request having been judged, with its first correlation id', async () => {
    const http = await producer(6);
    const key = randomUUID();
    const bad = body(6, { period: '2026-Q9' });

    const first = await http.post('/claims').set(KEY, key).send(bad);
    const second = await http.post('/claims').set(KEY, key).send(bad);

    expect(first.status).toBe(400);
    expect(second.status).toBe(400);
    expect(second.headers[REPLAYED]).toBe('true');
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.body).toEqual(first.body);
    expect(second.headers['x-correlation-id']).not.toBe(first.body.correlationId);
    expect(await written(6)).toEqual({ claims: 0, audit: 0 });
  });

  it('keeps no 503: the key is released and the retry runs', async () => {
    const http = await producer(7);
    const key = randomUUID();
    const dataSource = suite.subsidy.app.get(DataSource);
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query('LOCK TABLE claim IN ACCESS EXCLUSIVE MODE');
    const sent = body(7);
    const blocked = http
      .post('/claims')
      .set(KEY, key)
      .send(sent)
      .then((answer) => answer);
    // The request waits for the lock; cancelling its statement is what PostgreSQL does at a lock timeout.
    await waitFor(
      async () => {
        const [cancelled] = await lock.query(
          `SELECT pg_cancel_backend(pid) AS done FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        return cancelled?.done === true || undefined;
      },
      { description: 'the claim insert waiting for the lock', timeoutMs: 20000 },
    );
    const failed = await blocked;
    await lock.rollbackTransaction();
    await lock.release();
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('SERVICE.BUSY');

    const retried = await http.post('/claims').set(KEY, key).send(sent);
    expect(retried.status).toBe(201);
    expect(retried.headers[REPLAYED]).toBeUndefined();
    expect(await written(7)).toEqual({ claims: 1, audit: 1 });
  });

  it('never runs again a change whose answer was lost after it committed: the retry is told to read it (409)', async () => {
    const http = await producer(10);
    const key = randomUUID();
    const sent = body(10);
    // The answer's row cannot be written (a database gone for a moment), though the change committed.
    const keep = jest
      .spyOn(suite.subsidy.app.get(IdempotentRequests), 'keep')
      .mockRejectedValue(new Error('connection terminated'));
    const first = await http
      .post('/claims')
      .set(KEY, key)
      .send(sent)
      .then((answer) => answer)
      .finally(() => keep.mockRestore());
    expect(first.status).toBe(201);

    // Within the timeout the first run may still be about to keep its answer.
    const soon = await http.post('/claims').set(KEY, key).send(sent);
    expect(soon.status).toBe(409);
    expect(soon.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_IN_PROGRESS');

    await ageClaim(key);
    const late = await http.post('/claims').set(KEY, key).send(sent);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REQUEST.IDEMPOTENCY_ANSWER_LOST');
    expect(late.headers['retry-after']).toBeUndefined();
    expect(await written(10)).toEqual({ claims: 1, audit: 1 });
  });

  it('refuses the commit of a run whose key a retry took over after the timeout: the change is made once', async () => {
    const http = await producer(11);
    const key = randomUUID();
    const sent = body(11);
    const lock = suite.subsidy.app.get(DataSource).createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    try {
      await lock.query('LOCK TABLE claim IN ACCESS EXCLUSIVE MODE');
      const slow = http
        .post('/claims')
        .set(KEY, key)
        .send(sent)
        .then((answer) => answer);
      const held = (fresh: boolean) =>
        suite.subsidy.sql(
          `SELECT 1 FROM idempotent_request
           WHERE idempotency_key = $1 AND (claimed_at > now() - interval '1 minute') = $2`,
          [key, fresh],
        );
      await waitFor(async () => (await held(true)).length > 0, { description: 'the first run claiming the key' });
      await waitForLockWait((sql) => suite.subsidy.sql(sql));
      // The first run has now been quiet past the timeout: the retry takes its key over, and waits for the lock too.
      await ageClaim(key);
      const retry = http
        .post('/claims')
        .set(KEY, key)
        .send(sent)
        .then((answer) => answer);
      await waitFor(async () => (await held(false)).length === 0, { description: 'the retry taking the key over' });
      await lock.rollbackTransaction();

      const [first, second] = await Promise.all([slow, retry]);
      expect(first.status).toBe(409);
      expect(first.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(first.headers['retry-after']).toBe('1');
      expect(second.status).toBe(201);
      expect(second.headers[REPLAYED]).toBeUndefined();
      expect(await written(11)).toEqual({ claims: 1, audit: 1 });

      const again = await http.post('/claims').set(KEY, key).send(sent);
      expect(again.status).toBe(201);
      expect(again.headers[REPLAYED]).toBe('true');
      expect(again.text).toBe(second.text);
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
    }
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
  ])('refuses a key that is %s with 400 naming the header, running nothing', async (_, key) => {
    const http = await producer(3);
    const before = await written(3);
    const answer = await http.post('/claims').set(KEY, key).send(body(3));
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_INVALID');
    expect(answer.body.errors[0].field).toBe(`header.${KEY}`);
    expect(await written(3)).toEqual(before);
  });

  it('documents the header on every change in the OpenAPI document', async () => {
    const http = await producer(0);
    const { body: document } = await http.get('/docs/openapi.json');
    const changes = Object.values(document.paths as Record<string, Record<string, { parameters?: { name: string }[] }>>)
      .flatMap((item) => ['post', 'patch', 'put', 'delete'].map((method) => item[method]))
      .filter((operation) => operation !== undefined);
    expect(changes.length).toBeGreaterThan(10);
    for (const operation of changes) {
      expect(operation.parameters?.map((parameter) => parameter.name)).toContain(KEY);
    }
  });

  it('deletes answers past their time at the scheduled purge, and a key whose answer expired runs again', async () => {
    const http = await producer(7);
    const key = randomUUID();
    const before = (await written(7)).claims;
    await http.post('/claims').set(KEY, key).send(body(7)).expect(201);
    const kept = () => suite.subsidy.sql('SELECT 1 FROM idempotent_request WHERE idempotency_key = $1', [key]);
    await suite.subsidy.sql(
      `UPDATE idempotent_request SET expires_at = now() - interval '1 second' WHERE idempotency_key = $1`,
      [key],
    );

    const again = await http.post('/claims').set(KEY, key).send(body(7)).expect(201);
    expect(again.headers[REPLAYED]).toBeUndefined();
    expect((await written(7)).claims).toBe(before + 2);

    await suite.subsidy.sql(
      `UPDATE idempotent_request SET expires_at = now() - interval '1 second' WHERE idempotency_key = $1`,
      [key],
    );
    await suite.subsidy.app.get(SchedulerRegistry).getCronJob('idempotency-purge').fireOnTick();
    expect(await kept()).toEqual([]);
  });
});
