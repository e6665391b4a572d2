import { retryLostRace, SiteTakenMeanwhile } from './site-claims';

/** An error as node-postgres (and TypeORM's QueryFailedError after it) carries PostgreSQL's SQLSTATE. */
function postgresError(code: string): Error {
  return Object.assign(new Error(`failed with ${code}`), { code });
}

describe('retryLostRace', () => {
  it.each([
    ['a site taken by a concurrent acceptance', () => new SiteTakenMeanwhile('site', '2026-01')],
    ['a deadlock', () => postgresError('40P01')],
    ['a serialisation failure', () => postgresError('40001')],
  ])('runs the transaction again after %s', async (_race, lost) => {
    const attempts: number[] = [];
    const result = await retryLostRace(async () => {
      attempts.push(attempts.length + 1);
      if (attempts.length < 3) throw lost();
      return 'filed';
    });
    expect(result).toBe('filed');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it.each([
    ['gives up on a race lost three times with the last error', '40P01', 3],
    ['does not repeat a transaction that failed for any other reason', '23505', 1],
  ])('%s', async (_case, code, expectedAttempts) => {
    let attempts = 0;
    await expect(
      retryLostRace(async () => {
        attempts += 1;
        throw postgresError(code);
      }),
    ).rejects.toThrow(`failed with ${code}`);
    expect(attempts).toBe(expectedAttempts);
  });
});
