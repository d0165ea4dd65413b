import { Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AreaGate } from './area-gate';
import { AREAS, type AreaKey } from './areas';
import { useSession } from '../features/auth';
import { loadDeskMessages } from '../i18n';
import { PageFallback } from './page-fallback';
import { RequireSession, SessionBoundary } from './require-session';

// Every area is its own chunk: the login page does not pay for the shell, the shell does not
// pay for pages it does not show.
const LoginPage = lazy(() => import('../features/auth/login-page'));
const AppLayout = lazy(() => import('./layout/app-layout'));
const HomePage = lazy(() => import('../features/home/home-page'));
const PortalHome = lazy(() => import('../features/portal/portal-home'));
const AreaPage = lazy(() => import('./pages/area-page'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));

/**
 * A page of the signed-in desks (staff, wallet): its chunk and the desks' messages
 * (i18n/desk-messages.*.ts) are fetched together, so neither weighs on the public portal.
 */
function deskPage<T extends ComponentType>(load: () => Promise<{ default: T }>) {
  return lazy(async () => (await Promise.all([load(), loadDeskMessages()]))[0]);
}

const FindPage = lazy(() => import('../features/portal/find-page'));
const BundlesPage = lazy(() => import('../features/portal/bundles-page'));
const GuidePage = lazy(() => import('../features/portal/guide-page'));
const ApplyPage = lazy(() => import('../features/portal/apply-page'));
const ApplicationsPage = lazy(() => import('../features/applications/applications-page'));
const ApplicationPage = lazy(() => import('../features/applications/application-page'));
const InboxPage = lazy(() => import('../features/inbox/inbox-page'));
const DataAccessPage = lazy(() => import('../features/data-access/data-access-page'));
const IntakePage = deskPage(() => import('../features/window/intake-page'));
const HandOverPage = deskPage(() => import('../features/window/hand-over-page'));
const QueuePage = deskPage(() => import('../features/workbench/queue-page'));
const CasePage = deskPage(() => import('../features/workbench/case-page'));
const TrackPage = lazy(() => import('../features/track/track-page'));
const FollowUpsPage = lazy(() => import('../features/follow-ups/follow-ups-page'));
const WalletPage = deskPage(() => import('../features/wallet/wallet-page'));
const PresentPage = deskPage(() => import('../features/wallet/present-page'));
const VerifierPage = deskPage(() => import('../features/verifier/verifier-page'));
const DashboardPage = deskPage(() => import('../features/supervision/dashboard-page'));
const WarningsPage = deskPage(() => import('../features/supervision/warnings-page'));
const PointsPage = deskPage(() => import('../features/window-staff/points-page'));
const CredentialStatusPage = deskPage(
  () => import('../features/credential-status/credential-status-page'),
);
const InterDepartmentPage = deskPage(
  () => import('../features/inter-department/inter-department-page'),
);

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

/** The home: the account's own desk, or the public portal home for a visitor. */
function HomeRoute() {
  const session = useSession();
  return session.data ? <HomePage /> : <PortalHome />;
}

/** The public portal: finding matters and reading guides needs no account. */
const publicRoutes: RouteObject[] = [
  { path: AREAS.find.path, element: <FindPage /> },
  { path: '/matters/:code', element: <GuidePage kind="matter" /> },
  { path: AREAS.bundles.path, element: <BundlesPage /> },
  // 企业开办 is the guide of the enterprise-startup bundle, at its own address.
  { path: '/bundles/:code', element: <GuidePage kind="bundle" /> },
  // The QR code of every receipt and one-time notice opens this page.
  { path: '/track/:receiptNo', element: <TrackPage /> },
];

/** The built pages that need an account, by area, with the pages under them. */
const signedInRoutes: { area: AreaKey; path: string; element: ReactNode }[] = [
  { area: 'applications', path: '/apply/:kind/:code', element: <ApplyPage /> },
  { area: 'applications', path: AREAS.applications.path, element: <ApplicationsPage /> },
  { area: 'applications', path: '/applications/:id', element: <ApplicationPage /> },
  { area: 'inbox', path: AREAS.inbox.path, element: <InboxPage /> },
  { area: 'dataAccess', path: AREAS.dataAccess.path, element: <DataAccessPage /> },
  { area: 'intake', path: AREAS.intake.path, element: <IntakePage /> },
  { area: 'handOver', path: AREAS.handOver.path, element: <HandOverPage /> },
  { area: 'tasks', path: AREAS.tasks.path, element: <QueuePage /> },
  { area: 'tasks', path: '/tasks/:applicationId/:taskId', element: <CasePage /> },
  { area: 'followUps', path: AREAS.followUps.path, element: <FollowUpsPage /> },
  { area: 'wallet', path: AREAS.wallet.path, element: <WalletPage /> },
  // The QR code of a verifier's request opens this page in the holder's wallet.
  { area: 'wallet', path: '/wallet/present', element: <PresentPage /> },
  { area: 'verify', path: AREAS.verify.path, element: <VerifierPage /> },
  { area: 'dashboards', path: AREAS.dashboards.path, element: <DashboardPage /> },
  { area: 'warnings', path: AREAS.warnings.path, element: <WarningsPage /> },
  { area: 'points', path: AREAS.points.path, element: <PointsPage /> },
  { area: 'interDepartment', path: AREAS.interDepartment.path, element: <InterDepartmentPage /> },
  { area: 'credentials', path: AREAS.credentials.path, element: <CredentialStatusPage /> },
];

const built = new Set<AreaKey>([
  ...signedInRoutes.map((r) => r.area),
  'find',
  'bundles',
  'enterpriseStartup',
]);

const comingSoonRoutes: RouteObject[] = Object.values(AREAS)
  .filter((area) => !built.has(area.key))
  .map((area) => ({ path: area.path, element: <AreaPage areaKey={area.key} /> }));

/**
 * The routes: /login; the shell for everyone with the home and the public portal; inside
 * it, the pages that send a visitor to /login first (and back afterwards).
 */
export const routes: RouteObject[] = [
  { path: '/login', element: page(LoginPage) },
  {
    element: <SessionBoundary>{page(AppLayout)}</SessionBoundary>,
    children: [
      // The layout wraps its <Outlet> in Suspense, so the shell stays while a page loads.
      { index: true, element: <HomeRoute /> },
      ...publicRoutes,
      {
        element: <RequireSession />,
        children: [
          ...signedInRoutes.map((r) => ({ path: r.path, element: gated(r.area, r.element) })),
          ...comingSoonRoutes,
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** Creates the browser router of the app. */
export function createAppRouter() {
  return createBrowserRouter(routes);
}
