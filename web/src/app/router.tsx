import { Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AreaGate } from './area-gate';
import { AREAS, type AreaKey } from './areas';
import { PageFallback } from './page-fallback';
import { RequireSession } from './require-session';

// Every area is its own chunk: the login page does not pay for the shell, the shell does not
// pay for pages it does not show.
const LoginPage = lazy(() => import('../features/auth/login-page'));
const AppLayout = lazy(() => import('./layout/app-layout'));
const HomePage = lazy(() => import('../features/home/home-page'));
const AreaPage = lazy(() => import('./pages/area-page'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));

const FindPage = lazy(() => import('../features/portal/find-page'));
const BundlesPage = lazy(() => import('../features/portal/bundles-page'));
const GuidePage = lazy(() => import('../features/portal/guide-page'));
const ApplyPage = lazy(() => import('../features/portal/apply-page'));
const ApplicationsPage = lazy(() => import('../features/applications/applications-page'));
const ApplicationPage = lazy(() => import('../features/applications/application-page'));
const InboxPage = lazy(() => import('../features/inbox/inbox-page'));
const DataAccessPage = lazy(() => import('../features/data-access/data-access-page'));
const IntakePage = lazy(() => import('../features/window/intake-page'));
const HandOverPage = lazy(() => import('../features/window/hand-over-page'));
const QueuePage = lazy(() => import('../features/workbench/queue-page'));
const CasePage = lazy(() => import('../features/workbench/case-page'));

function page(Component: ComponentType, fallback: ReactNode = <PageFallback />): ReactNode {
  return (
    <Suspense fallback={fallback}>
      <Component />
    </Suspense>
  );
}

function gated(area: AreaKey, element: ReactNode): ReactNode {
  return <AreaGate area={area}>{element}</AreaGate>;
}

/** The pages of the areas built so far, with the pages under them. */
const builtRoutes: { area: AreaKey; path: string; element: ReactNode }[] = [
  { area: 'find', path: AREAS.find.path, element: <FindPage /> },
  { area: 'find', path: '/matters/:code', element: <GuidePage kind="matter" /> },
  { area: 'bundles', path: AREAS.bundles.path, element: <BundlesPage /> },
  // 企业开办 is the guide of the enterprise-startup bundle, at its own address.
  { area: 'bundles', path: '/bundles/:code', element: <GuidePage kind="bundle" /> },
  { area: 'applications', path: '/apply/:kind/:code', element: <ApplyPage /> },
  { area: 'applications', path: AREAS.applications.path, element: <ApplicationsPage /> },
  { area: 'applications', path: '/applications/:id', element: <ApplicationPage /> },
  { area: 'inbox', path: AREAS.inbox.path, element: <InboxPage /> },
  { area: 'dataAccess', path: AREAS.dataAccess.path, element: <DataAccessPage /> },
  { area: 'intake', path: AREAS.intake.path, element: <IntakePage /> },
  { area: 'handOver', path: AREAS.handOver.path, element: <HandOverPage /> },
  { area: 'tasks', path: AREAS.tasks.path, element: <QueuePage /> },
  { area: 'tasks', path: '/tasks/:applicationId/:taskId', element: <CasePage /> },
];

const built = new Set<AreaKey>([...builtRoutes.map((r) => r.area), 'enterpriseStartup']);

const comingSoonRoutes: RouteObject[] = Object.values(AREAS)
  .filter((area) => !built.has(area.key))
  .map((area) => ({ path: area.path, element: <AreaPage areaKey={area.key} /> }));

/** The routes: /login for everyone, every other page inside the signed-in layout. */
export const routes: RouteObject[] = [
  { path: '/login', element: page(LoginPage) },
  {
    element: <RequireSession>{page(AppLayout)}</RequireSession>,
    children: [
      // The layout wraps its <Outlet> in Suspense, so the shell stays while a page loads.
      { index: true, element: <HomePage /> },
      ...builtRoutes.map((r) => ({ path: r.path, element: gated(r.area, r.element) })),
      ...comingSoonRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** Creates the browser router of the app. */
export function createAppRouter() {
  return createBrowserRouter(routes);
}
