import { session, type Tokens } from './session';

/**
 * A duplicated tab starts with a copy of its original's session storage, so
 * two tabs may hold the same refresh token. Refresh tokens are single use,
 * and the gateway ends a session whose spent token comes back: the tabs must
 * not both spend it. Refreshes are therefore taken one tab at a time (a Web
 * Lock), a tab that refreshed tells the others which token it spent and what
 * replaced it, and a tab about to spend a token first asks whether another
 * tab already has: a tab still loading when the news went out has not heard it.
 */
const CHANNEL = 'redmet.tokens';
const LOCK = 'redmet.refresh';
/** How long a tab about to refresh waits for another tab to say it spent the token already. */
const ASK_MS = 300;

type Message = { kind: 'replaced'; spent: string; tokens: Tokens } | { kind: 'ask'; spent: string };

/** The pairs this tab got for the tokens it spent, for tabs that ask later (the last few suffice). */
const replaced = new Map<string, Tokens>();

// Only in a page: elsewhere (Node, where the console's unit tests run) an open channel keeps the process alive.
const channel = typeof window === 'undefined' ? null : new BroadcastChannel(CHANNEL);
channel?.addEventListener('message', ({ data }: MessageEvent<Message>) => {
  if (data?.kind === 'replaced' && session.tokens?.refreshToken === data.spent) session.set(data.tokens);
  const answer = data?.kind === 'ask' ? replaced.get(data.spent) : undefined;
  if (answer) channel.postMessage({ kind: 'replaced', spent: data.spent, tokens: answer } satisfies Message);
});

/** Runs `exchange` while no other tab refreshes; without Web Locks (old browsers), at once. */
export function oneTabAtATime<T>(exchange: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request(LOCK, exchange) : exchange();
}

/** Tells the other tabs that `spent` was replaced by `tokens`, now and when they ask. */
export function announceReplaced(spent: string, tokens: Tokens): void {
  replaced.set(spent, tokens);
  if (replaced.size > 4) replaced.delete(replaced.keys().next().value as string);
  channel?.postMessage({ kind: 'replaced', spent, tokens } satisfies Message);
}

/** Asks the other tabs whether one spent `spent`; settles when this tab has its replacement, or after ASK_MS. */
export function askWhoSpent(spent: string): Promise<void> {
  if (!channel) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      channel.removeEventListener('message', heard);
      resolve();
    };
    const heard = () => {
      if (session.tokens?.refreshToken !== spent) done();
    };
    const timer = setTimeout(done, ASK_MS);
    channel.addEventListener('message', heard);
    channel.postMessage({ kind: 'ask', spent } satisfies Message);
  });
}
