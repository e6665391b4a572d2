import { ClsServiceManager } from 'nestjs-cls';
import type { DataSource, EntityManager } from 'typeorm';
import { GroupTransactions, REFUSED_BEFORE_COMMIT } from '../database/group-commit';
import { ClaimFence, endClaim, runUnderClaim } from './claim-fence';
import { IdempotencyKeyTakenOverError } from './idempotency.errors';
import type { KeyClaim } from './idempotent-requests';

interface FakeRunner {
  isTransactionActive: boolean;
  transactionDepth: number;
  query: jest.Mock;
  connect(): Promise<undefined>;
}

/** A runner in an open transaction whose fence statement updates `updated` rows. */
function runner(updated: (claimIds: string[]) => string[] = (ids) => ids): FakeRunner {
  return {
    isTransactionActive: true,
    transactionDepth: 1,
    query: jest.fn(async (_sql: string, parameters: string[][]) => ({
      records: updated(parameters[2]).map((claimId) => ({ claim_id: claimId })),
    })),
    connect: async () => undefined,
  };
}

const claim = (name: string): KeyClaim => ({ caller: `caller-${name}`, key: `key-${name}`, claimId: `id-${name}` });

function underClaim<T>(held: KeyClaim | undefined, fn: () => T): T {
  return ClsServiceManager.getClsService().run(() => {
    if (held) runUnderClaim(held);
    return fn();
  });
}

describe('ClaimFence', () => {
  const dataSource = { subscribers: [] as unknown[] } as unknown as DataSource;
  let fence: ClaimFence;

  beforeEach(() => {
    fence = new ClaimFence(dataSource);
    fence.onModuleInit();
  });

  afterEach(() => fence.onModuleDestroy());

  const event = (queryRunner: FakeRunner) => ({ queryRunner }) as never;
  const statement = (queryRunner: FakeRunner) => underClaim(undefined, () => fence.beforeQuery(event(queryRunner)));

  it('marks the claims of a transaction committed in one statement at its outermost commit', async () => {
    const tx = runner();
    const [a, b] = [claim('a'), claim('b')];
    underClaim(a, () => fence.beforeQuery(event(tx)));
    underClaim(a, () => fence.beforeQuery(event(tx)));
    underClaim(b, () => fence.beforeQuery(event(tx)));

    await fence.beforeTransactionCommit(event(tx));

    expect(tx.query).toHaveBeenCalledTimes(1);
    expect(tx.query.mock.calls[0][1]).toEqual([
      ['caller-a', 'caller-b'],
      ['key-a', 'key-b'],
      ['id-a', 'id-b'],
    ]);
  });

  it('does not fence at the release of a savepoint, only at the commit of the transaction around it', async () => {
    const tx = runner();
    underClaim(claim('a'), () => fence.beforeQuery(event(tx)));
    tx.transactionDepth = 2;
    await fence.beforeTransactionCommit(event(tx));
    expect(tx.query).not.toHaveBeenCalled();

    tx.transactionDepth = 1;
    await fence.beforeTransactionCommit(event(tx));
    expect(tx.query).toHaveBeenCalledTimes(1);
  });

  it('refuses the commit, before COMMIT, when a claim was taken over', async () => {
    const tx = runner((ids) => ids.filter((id) => id !== 'id-b'));
    underClaim(claim('a'), () => fence.beforeQuery(event(tx)));
    underClaim(claim('b'), () => fence.beforeQuery(event(tx)));

    const refused = fence.beforeTransactionCommit(event(tx));

    await expect(refused).rejects.toBeInstanceOf(IdempotencyKeyTakenOverError);
    await expect(refused).rejects.toHaveProperty([REFUSED_BEFORE_COMMIT], true);
  });

  it('fences nothing outside a transaction, outside a request, or after the request answered', async () => {
    const outside = runner();
    outside.isTransactionActive = false;
    underClaim(claim('a'), () => fence.beforeQuery(event(outside)));
    const noRequest = runner();
    statement(noRequest);
    const answered = runner();
    underClaim(claim('a'), () => {
      endClaim();
      fence.beforeQuery(event(answered));
    });

    for (const tx of [noRequest, answered]) await fence.beforeTransactionCommit(event(tx));
    expect(noRequest.query).not.toHaveBeenCalled();
    expect(answered.query).not.toHaveBeenCalled();
  });

  it('forgets the claims of a rolled back transaction, not those of one rolled back to a savepoint', async () => {
    const tx = runner();
    underClaim(claim('a'), () => fence.beforeQuery(event(tx)));
    fence.afterTransactionRollback(event(tx));
    await fence.beforeTransactionCommit(event(tx));
    expect(tx.query).toHaveBeenCalledTimes(1);

    tx.isTransactionActive = false;
    fence.afterTransactionRollback(event(tx));
    tx.isTransactionActive = true;
    tx.query.mockClear();
    await fence.beforeTransactionCommit(event(tx));
    expect(tx.query).not.toHaveBeenCalled();
  });

  it('does not fence again a claim whose change committed', async () => {
    const held = claim('a');
    const first = runner();
    underClaim(held, () => fence.beforeQuery(event(first)));
    await fence.beforeTransactionCommit(event(first));
    first.isTransactionActive = false;
    fence.afterTransactionCommit(event(first));

    const second = runner();
    underClaim(held, () => fence.beforeQuery(event(second)));
    await fence.beforeTransactionCommit(event(second));
    expect(second.query).not.toHaveBeenCalled();
  });

  it("fences a group's transaction with each unit's claim, though a unit sends no statement of its own", async () => {
    const tx = runner();
    const manager = { connection: dataSource, queryRunner: tx } as unknown as EntityManager;
    const groupSource = {
      transaction: async <T>(work: (manager: EntityManager) => Promise<T>) => {
        const result = await work(manager);
        await fence.beforeTransactionCommit(event(tx));
        tx.isTransactionActive = false;
        fence.afterTransactionCommit(event(tx));
        tx.isTransactionActive = true;
        return result;
      },
    } as unknown as DataSource;
    const groups = new GroupTransactions(groupSource, { maxSize: 10, retry: (attempt) => attempt() });

    // The first commits alone; the two sent meanwhile commit together.
    await Promise.all(['c', 'a', 'b'].map((name) => underClaim(claim(name), () => groups.run(name, async () => name))));

    expect(tx.query.mock.calls.map((call) => call[1][2])).toEqual([['id-c'], ['id-a', 'id-b']]);
  });
});
