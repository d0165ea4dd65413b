import { Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AREAS } from './areas';
import { PageFallback } from './page-fallback';
import { RequireSession } from './require-session';

// Every area is its own chunk: the login page does not pay for the shell, the shell does not
// pay for pages it does not show.
const LoginPage = lazy(() => import('../features/auth/login-page'));
const AppLayout = lazy(() => import('./layout/app-layout'));
const HomePage = lazy(() => import('../features/home/home-page'));
const AreaPage = lazy(() => import('./pages/area-page'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));

function page(Component: ComponentType, fallback: ReactNode = <PageFallback />): ReactNode {
  return (
    <Suspense fallback={fallback}>
      <Component />
    </Suspense>
  );
}

const areaRoutes: RouteObject[] = Object.values(AREAS).map((area) => ({
  path: area.path,
  element: <AreaPage areaKey={area.key} />,
}));

/** The routes: /login for everyone, every other page inside the signed-in layout. */
export const routes: RouteObject[] = [
  { path: '/login', element: page(LoginPage) },
  {
    element: <RequireSession>{page(AppLayout)}</RequireSession>,
    children: [
      // The layout wraps its <Outlet> in Suspense, so the shell stays while a page loads.
      { index: true, element: <HomePage /> },
      ...areaRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** Creates the browser router of the app. */
export function createAppRouter() {
  return createBrowserRouter(routes);
}
