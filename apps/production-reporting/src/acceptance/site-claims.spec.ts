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

  it('gives up after three attempts with the last error', async () => {
    let attempts = 0;
    await expect(
      retryLostRace(async () => {
        attempts += 1;
        throw postgresError('40P01');
      }),
    ).rejects.toThrow('failed with 40P01');
    expect(attempts).toBe(3);
  });

  it('does not repeat a transaction that failed for any other reason', async () => {
    let attempts = 0;
    await expect(
      retryLostRace(async () => {
        attempts += 1;
        throw postgresError('23505');
      }),
    ).rejects.toThrow('failed with 23505');
    expect(attempts).toBe(1);
  });
});
