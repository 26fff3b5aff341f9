import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession, type LoginRedirectState } from './session.tsx';
import { PageSpinner } from './AppLayout.tsx';

/** Renders its children for a signed-in user; otherwise goes to the sign-in page and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (session === undefined) return <PageSpinner />;
  if (session === null) {
    const state: LoginRedirectState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}
