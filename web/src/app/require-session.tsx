import { Suspense, lazy, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../features/auth';
import { PageFallback } from './page-fallback';

const SessionErrorPage = lazy(() => import('./pages/session-error-page'));

/**
 * Renders its children only for a signed-in account; sends everyone else to /login,
 * remembering where they wanted to go.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <PageFallback />;
  if (session.isError) {
    return (
      <Suspense fallback={<PageFallback />}>
        <SessionErrorPage message={session.error.message} onRetry={() => void session.refetch()} />
      </Suspense>
    );
  }
  if (!session.data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={from === '/' ? null : { from }} />;
  }
  return children;
}
