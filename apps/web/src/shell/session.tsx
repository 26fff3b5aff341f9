import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Action } from '@gongzhi/core';
import { gz, onAuthLost, setCsrfToken, unwrap, type ApiError } from '../api/client.ts';
import type { SessionView } from '../api/types.ts';
import { clearOfflineData } from '../pwa/offlineData.ts';

/** State the sign-in page receives when it was reached by a redirect. */
export interface LoginRedirectState {
  /** Where to return after signing in. */
  from?: string;
}

/** The signed-in user and what the console may show them. */
export interface SessionState {
  /** undefined while the first check runs, null when signed out. */
  session: SessionView | null | undefined;
  /** True when the last session ended by expiring (not by signing out), so the sign-in page can say so. */
  expired: boolean;
  /** True when the signed-in user may do `action` somewhere in their scope. */
  can: (action: Action) => boolean;
  signIn: (phone: string, password: string) => Promise<SessionView>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** The current session. */
export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in session; only for pages under RequireAuth, where it always exists. */
export function useSignedIn(): SessionView {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn on a page without a session');
  return session;
}

/**
 * Loads the session once, keeps the CSRF token in the API client, and forgets the session (noting
 * whether it expired) whenever any call finds it gone, which sends the user to the sign-in page.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const navigate = useNavigate();

  const apply = useCallback((s: SessionView | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    setSession(s);
  }, []);

  useEffect(() => {
    unwrap<SessionView>(gz.GET('/api/v1/session'), { quietAuth: true })
      .then(apply)
      .catch((e: unknown) => {
        // A cookie from an earlier visit that has since expired deserves the same note.
        setExpired((e as ApiError).code === 'SESSION_EXPIRED');
        apply(null);
      });
  }, [apply]);

  // Only forget the session here: RequireAuth then redirects to the sign-in page with the way back.
  // (Navigating from here too raced with that redirect and lost the "expired" note.)
  useEffect(() => {
    onAuthLost((err: ApiError) => {
      // The phone's offline copy of this person's data goes with the session (see signOut).
      void clearOfflineData();
      setExpired(err.code === 'SESSION_EXPIRED');
      apply(null);
    });
    return () => onAuthLost(null);
  }, [apply]);

  const signIn = useCallback(
    async (phone: string, password: string) => {
      const s = await unwrap<SessionView>(gz.POST('/api/v1/session', { body: { phone, password } }), { quietAuth: true });
      // Whatever an earlier person left cached on this phone (a session that ended without signing out).
      await clearOfflineData();
      setExpired(false);
      apply(s);
      return s;
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    try {
      await unwrap(gz.DELETE('/api/v1/session'), { quietAuth: true });
    } finally {
      // The service worker's copy of this person's households, tasks and session must not outlive the
      // session: the next person on this phone, offline, would otherwise open them.
      await clearOfflineData();
      setExpired(false);
      // Signed out locally even if the server was unreachable: the cookie expires on its own.
      apply(null);
      navigate('/login', { replace: true });
    }
  }, [apply, navigate]);

  const value = useMemo<SessionState>(() => {
    const actions = new Set<string>(session?.can ?? []);
    return { session, expired, can: (a) => actions.has(a), signIn, signOut };
  }, [session, expired, signIn, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
