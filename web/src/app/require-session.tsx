import { Suspense, lazy, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { loginPath, useSession } from '../features/auth';
import { PageFallback } from './page-fallback';

const SessionErrorPage = lazy(() => import('./pages/session-error-page'));

/**
 * Waits for the session probe, then renders its children for everyone, signed in or not;
 * shows a retry page if the probe itself failed (network or server error).
 */
export function SessionBoundary({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.isPending) return <PageFallback />;
  if (session.isError) {
    return (
      <Suspense fallback={<PageFallback />}>
        <SessionErrorPage message={session.error.message} onRetry={() => void session.refetch()} />
      </Suspense>
    );
  }
  return children;
}

/**
 * Renders its children (or the nested routes) only for a signed-in account; sends a
 * visitor to /login with `?next=` set to the page they wanted, so they come back to it.
 * Nothing of the page renders, and so nothing of it is fetched, before that.
 */
export function RequireSession({ children }: { children?: ReactNode }) {
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <PageFallback />;
  if (!session.data) {
    return <Navigate to={loginPath(`${location.pathname}${location.search}`)} replace />;
  }
  return children ?? <Outlet />;
}
