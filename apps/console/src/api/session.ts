/** The tokens of the signed-in user, kept for the tab's lifetime (sessionStorage) so a reload stays signed in. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'redmet.session';
type Listener = (tokens: Tokens | null) => void;

let current: Tokens | null = read();
const listeners = new Set<Listener>();

function read(): Tokens | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

export const session = {
  get tokens(): Tokens | null {
    return current;
  },

  set(tokens: Tokens | null): void {
    current = tokens;
    if (tokens) sessionStorage.setItem(KEY, JSON.stringify(tokens));
    else sessionStorage.removeItem(KEY);
    for (const listener of listeners) listener(tokens);
  },

  /** Called with the new tokens after every change, null when signed out. */
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
