import { DataSource, type QueryRunner } from 'typeorm';
import {
  claimBody,
  committed2026,
  discountLine,
  OFFICER_1,
  OFFICER_2,
  producerOf,
  sessionsWaitingOnLocks,
  submittedClaim,
  useSubsidyWorld,
} from './support/fixtures';

type Answer = { status: number; body: Record<string, unknown> };

/**
 * A read answers as of one moment, whatever commits while it runs. A command is held before its commit by a table
 * lock of the test on its last write; a second lock of the test, queued behind the command's writes, then keeps the
 * read waiting between its statements until the command has committed.
 */
describe('reads while a command changing what they show commits', () => {
  let dataSource: DataSource;

  const suite = useSubsidyWorld({ companies: 2 });

  beforeAll(() => {
    dataSource = suite.subsidy.app.get(DataSource);
  });

  /** A transaction of the test holding `table`; `held` settles once it has the lock, which may wait for others. */
  function holdTable(table: string, mode: 'SHARE' | 'ACCESS EXCLUSIVE') {
    const runner: QueryRunner = dataSource.createQueryRunner();
    const held = (async () => {
      await runner.startTransaction();
      await runner.query(`LOCK TABLE ${table} IN ${mode} MODE`);
    })();
    let released = false;
    return {
      held,
      release: async () => {
        if (released) return;
        released = true;
        try {
          await held;
          await runner.commitTransaction();
        } finally {
          await runner.release();
        }
      },
    };
  }

  /**
   * Sends `command`, holds it at its write to `lastWrite`, starts `read` once `readWaitsOn` would keep it waiting, then
   * lets both finish.
   */
  async function readWhileCommitting(
    command: () => PromiseLike<Answer>,
    lastWrite: string,
    readWaitsOn: string,
    read: () => PromiseLike<Answer>,
  ): Promise<[Answer, Answer]> {
    const paused = holdTable(lastWrite, 'SHARE');
    let queued: ReturnType<typeof holdTable> | undefined;
    try {
      await paused.held;
      const committing = Promise.resolve(command());
      await sessionsWaitingOnLocks(suite.subsidy, 1);
      queued = holdTable(readWaitsOn, 'ACCESS EXCLUSIVE');
      await sessionsWaitingOnLocks(suite.subsidy, 2);
      const reading = Promise.resolve(read());
      await sessionsWaitingOnLocks(suite.subsidy, 3);
      await paused.release();
      await queued.release();
      return await Promise.all([committing, reading]);
    } finally {
      await paused.release();
      await queued?.release();
    }
  }

  it('shows a claim with the lines of the same moment while an edit commits', async () => {
    const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
    const { body: draft } = await producer.post('/claims').send(claimBody(suite.reports.get(suite.companies[0])!));

    const [edited, read] = await readWhileCommitting(
      () => producer.patch(`/claims/${draft.id}`).send({ lines: [discountLine('20')] }),
      'audit_entry',
      'claim_line',
      () => producer.get(`/claims/${draft.id}`),
    );

    expect(edited.body.requestedKopecks).toBe('350000000');
    expect(read.body).toEqual(edited.body);
  });

  it('shows a claim under review beside the budget of the same moment while its approval commits', async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[1], suite.reports.get(suite.companies[1])!);
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${claim.id}/take`);
    const committed = await committed2026(suite.subsidy);

    const [approved, review] = await readWhileCommitting(
      () => officer.post(`/claims/${claim.id}/approve`).send({}),
      'programme',
      'programme',
      async () => (await suite.subsidy.as(OFFICER_2)).get(`/claims/${claim.id}/review`),
    );

    expect(approved.body.state).toBe('approved');
    expect(review.body).toMatchObject({
      claim: { state: 'under_review', approvedKopecks: null },
      budget: { committedKopecks: committed.toString() },
      reports: [{ relied: null }],
    });
  });
});
