import { lazy, type ReactNode } from 'react';
import { useMe } from '../features/auth';
import { canOpen, type AreaKey } from './areas';

// Lazy, so the router (in the entry chunk) does not carry antd's Result for a rare page.
const ForbiddenPage = lazy(() => import('./pages/forbidden-page'));

/** Renders a built area's page only for an account whose navigation has that area. */
export function AreaGate({ area, children }: { area: AreaKey; children: ReactNode }) {
  const me = useMe();
  return canOpen(me, area) ? children : <ForbiddenPage areaKey={area} />;
}
