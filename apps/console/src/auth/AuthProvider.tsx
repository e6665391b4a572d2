import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { useNavigate } from 'react-router-dom';
import type { Role } from '@redmet/contracts/vocabulary';
import { login, logout, me, type Me } from '../api/auth';
import { session } from '../api/session';

interface Auth {
  /** Null while signed out. */
  user: Me | null;
  /** The session ended on its own (its refresh was refused): `user` stays, so their page does, until they sign in again. */
  lapsed: boolean;
  /** True while the signed-in user's identity is loading. */
  loading: boolean;
  error: unknown;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

const subscribe = (notify: () => void) => session.subscribe(notify);
const signedIn = () => session.tokens !== null;

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const hasTokens = useSyncExternalStore(subscribe, signedIn);
  const identity = useQuery({ queryKey: ['me'], queryFn: me, enabled: hasTokens, staleTime: Infinity, retry: false });
  // Set by signing out, so that only a session that ended on its own keeps the page beneath the sign-in.
  const [leaving, setLeaving] = useState(false);
  const lapsedUser = !hasTokens && !leaving ? (identity.data ?? null) : null;

  // Signed out: nothing of the last user stays cached. A lapsed session keeps its page and cache until someone signs in.
  useEffect(() => {
    if (!hasTokens && !lapsedUser) client.clear();
  }, [hasTokens, lapsedUser, client]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const { tokens, user } = await login(username, password);
      // Someone else signing in where a session lapsed: nothing of the last user's stays, on screen or cached.
      if (client.getQueryData<Me>(['me'])?.userId !== user.userId) client.clear();
      client.setQueryData(['me'], user);
      setLeaving(false);
      session.set(tokens);
      // What failed while the session was gone asks again.
      await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    },
    [client],
  );

  const signOut = useCallback(async () => {
    setLeaving(true);
    const revoking = logout();
    // The session is gone already (the login shows, not the routes): whoever signs in next in this tab
    // starts at their own home rather than at this user's page. A lapsed session keeps its address.
    navigate('/', { replace: true });
    await revoking;
    client.clear();
  }, [client, navigate]);

  const value = useMemo<Auth>(() => {
    const user = hasTokens ? (identity.data ?? null) : lapsedUser;
    return {
      user,
      lapsed: lapsedUser !== null,
      loading: hasTokens && identity.isPending,
      error: identity.error,
      signIn,
      signOut,
      hasRole: (...roles) => !!user && user.roles.some((role) => roles.includes(role)),
    };
  }, [hasTokens, identity.data, identity.isPending, identity.error, lapsedUser, signIn, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}
