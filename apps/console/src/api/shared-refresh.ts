import { session, type Tokens } from './session';

/**
 * A duplicated tab starts with a copy of its original's session storage, so
 * two tabs may hold the same refresh token. Refresh tokens are single use,
 * and the gateway ends a session whose spent token comes back: the tabs must
 * not both spend it. Refreshes are therefore taken one tab at a time (a Web
 * Lock), and a tab that refreshed tells the others which token it spent and
 * what replaced it, so that a tab holding the spent one takes the new pair
 * rather than presenting it again.
 */
const CHANNEL = 'redmet.tokens';
const LOCK = 'redmet.refresh';

interface Replaced {
  spent: string;
  tokens: Tokens;
}

// Only in a page: elsewhere (Node, where the console's unit tests run) an open channel keeps the process alive.
const channel = typeof window === 'undefined' ? null : new BroadcastChannel(CHANNEL);
channel?.addEventListener('message', ({ data }: MessageEvent<Replaced>) => {
  if (data?.spent && session.tokens?.refreshToken === data.spent) session.set(data.tokens);
});

/** Runs `exchange` while no other tab refreshes; without Web Locks (old browsers), at once. */
export function oneTabAtATime<T>(exchange: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request(LOCK, exchange) : exchange();
}

/** Tells the other tabs that `spent` was replaced by `tokens`. */
export function announceReplaced(spent: string, tokens: Tokens): void {
  channel?.postMessage({ spent, tokens } satisfies Replaced);
}
