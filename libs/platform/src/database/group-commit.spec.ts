import { GroupCommit } from './group-commit';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** Lets every settled promise run its continuations. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A GroupCommit whose commits finish only when the test says so, recording what ran. */
function harness(maxSize: number, fails: (item: string) => boolean = () => false) {
  const calls: string[][] = [];
  const pending: Deferred<void>[] = [];
  const failed: number[] = [];
  const wait = () => {
    const commit = deferred<void>();
    pending.push(commit);
    return commit.promise;
  };
  const groups = new GroupCommit<string, string>({
    maxSize,
    together: async (items) => {
      calls.push(items);
      await wait();
      const bad = items.find(fails);
      if (bad) throw new Error(`${bad} failed in the group`);
      return items.map((item) => `${item} together`);
    },
    alone: async (item) => {
      calls.push([`${item} alone`]);
      await wait();
      if (fails(item)) throw new Error(`${item} failed alone`);
      return `${item} alone`;
    },
    onGroupFailed: (_error, size) => failed.push(size),
  });
  /** Finishes the commits in progress. */
  const commit = async () => {
    for (const done of pending.splice(0)) done.resolve();
    await settle();
  };
  return { groups, calls, failed, commit };
}

describe('GroupCommit', () => {
  it('commits a lone item at once, alone', async () => {
    const { groups, calls, commit } = harness(32);

    const result = groups.submit('a');

    expect(calls).toEqual([['a alone']]);
    await commit();
    await expect(result).resolves.toBe('a alone');
  });

  it('commits the items that arrive during a commit together next, in order, at most maxSize at a time', async () => {
    const { groups, calls, commit } = harness(3);

    const results = ['a', 'b', 'c', 'd', 'e', 'f'].map((item) => groups.submit(item));
    expect(calls).toEqual([['a alone']]);
    await commit();
    expect(calls).toEqual([['a alone'], ['b', 'c', 'd']]);
    await commit();
    expect(calls).toEqual([['a alone'], ['b', 'c', 'd'], ['e', 'f']]);
    await commit();

    await expect(Promise.all(results)).resolves.toEqual([
      'a alone',
      'b together',
      'c together',
      'd together',
      'e together',
      'f together',
    ]);
  });

  it("sends each item of a failed group alone, so the bad one's error reaches only its caller", async () => {
    const { groups, calls, failed, commit } = harness(32, (item) => item === 'c');

    const results = ['a', 'b', 'c', 'd'].map((item) => groups.submit(item).catch((error: Error) => error.message));
    await commit();
    await commit();
    expect(failed).toEqual([3]);
    expect(calls).toEqual([['a alone'], ['b', 'c', 'd'], ['b alone'], ['c alone'], ['d alone']]);
    await commit();

    await expect(Promise.all(results)).resolves.toEqual(['a alone', 'b alone', 'c failed alone', 'd alone']);
  });

  it('does not hold the next group back while the items of a failed one run alone', async () => {
    const { groups, calls, commit } = harness(32, (item) => item === 'b');

    const first = ['a', 'b', 'c'].map((item) => groups.submit(item).catch(() => 'failed'));
    await commit();
    const later = ['d', 'e'].map((item) => groups.submit(item));
    await commit();

    expect(calls.slice(2)).toEqual([['b alone'], ['c alone'], ['d', 'e']]);
    await commit();
    await expect(Promise.all([...first, ...later])).resolves.toEqual([
      'a alone',
      'failed',
      'c alone',
      'd together',
      'e together',
    ]);
  });

  it('refuses a group size below one', () => {
    expect(() => new GroupCommit({ maxSize: 0, together: async () => [], alone: async () => 0 })).toThrow(
      'at least one item',
    );
  });

  it('fails every item of a group whose failure leaves its outcome unknown, and runs none of them again', async () => {
    const ran: string[] = [];
    const lost = new Error('connection lost during COMMIT');
    const groups = new GroupCommit<string, string>({
      maxSize: 32,
      together: async (items) => {
        ran.push(`together ${items.join()}`);
        throw lost;
      },
      goAlone: (error) => error !== lost,
      alone: async (item) => {
        ran.push(`alone ${item}`);
        await settle();
        return item;
      },
    });

    const first = groups.submit('a');
    const [b, c] = [groups.submit('b'), groups.submit('c')];

    await expect(first).resolves.toBe('a');
    await expect(b).rejects.toBe(lost);
    await expect(c).rejects.toBe(lost);
    expect(ran).toEqual(['alone a', 'together b,c']);
  });

  it('still runs a failed group alone when the failure report itself throws', async () => {
    const groups = new GroupCommit<string, string>({
      maxSize: 32,
      together: async () => {
        throw new Error('a unit failed');
      },
      alone: async (item) => {
        await settle();
        return `${item} alone`;
      },
      onGroupFailed: () => {
        throw new Error('the logger broke');
      },
    });

    const first = groups.submit('a');
    const rest = [groups.submit('b'), groups.submit('c')];

    await expect(first).resolves.toBe('a alone');
    await expect(Promise.all(rest)).resolves.toEqual(['b alone', 'c alone']);
  });
});
