import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from 'react';
import { login, logout, me, type Me, type Role } from '../api/auth';
import { session } from '../api/session';

interface Auth {
  /** Null while signed out. */
  user: Me | null;
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
  const hasTokens = useSyncExternalStore(subscribe, signedIn);
  const identity = useQuery({ queryKey: ['me'], queryFn: me, enabled: hasTokens, staleTime: Infinity, retry: false });

  // Signed out (here, in another call's failed refresh, or by expiry): nothing of the last user stays cached.
  useEffect(() => {
    if (!hasTokens) client.clear();
  }, [hasTokens, client]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      client.clear();
      await login(username, password);
      await client.fetchQuery({ queryKey: ['me'], queryFn: me });
    },
    [client],
  );

  const signOut = useCallback(async () => {
    await logout();
    client.clear();
  }, [client]);

  const value = useMemo<Auth>(() => {
    const user = hasTokens ? (identity.data ?? null) : null;
    return {
      user,
      loading: hasTokens && identity.isPending,
      error: identity.error,
      signIn,
      signOut,
      hasRole: (...roles) => !!user && user.roles.some((role) => roles.includes(role) || role === 'admin'),
    };
  }, [hasTokens, identity.data, identity.isPending, identity.error, signIn, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}
