import { Suspense, useState } from 'react';
import { Link, Outlet } from 'react-router';
import { App as AntApp, Button, Drawer, Grid, Layout } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useAccount } from '../../features/auth';
import { useT } from '../../i18n';
import { LanguageSwitch } from '../../i18n/language-switch';
import { PageFallback } from '../page-fallback';
import { AccountActions, SignInAction } from './account-actions';
import { NavMenu } from './nav-menu';

/**
 * The shell of every page but /login. On a desktop: a header with the product name,
 * language switch, and the account with logout (a 登录 button for a visitor), and a sider
 * with the role's menu (the public portal for a visitor). On a phone (< 768 px): a compact
 * top bar whose menu button opens a drawer holding the menu, the account and logout; a
 * visitor's 登录 button stays in the bar.
 */
export default function AppLayout() {
  const t = useT();
  const me = useAccount();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const brand = (
    <Link to="/" className="app-header__brand">
      {t('app.name')}
    </Link>
  );

  // antd's App (message, modal) lives here, not in the entry, to keep the login page light.
  return (
    <AntApp>
      <Layout className="app-shell">
        <a href="#main" className="skip-link">
          {t('app.skipToContent')}
        </a>
        <Layout.Header className={isPhone ? 'app-header app-header--phone' : 'app-header'}>
          {isPhone && (
            <Button
              type="text"
              icon={<MenuOutlined aria-hidden />}
              aria-label={t('nav.openMenu')}
              aria-expanded={drawerOpen}
              aria-controls="app-nav-drawer"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          {brand}
          <div className="app-header__actions">
            <LanguageSwitch />
            {me ? !isPhone && <AccountActions me={me} /> : <SignInAction />}
          </div>
        </Layout.Header>

        {isPhone ? (
          <Drawer
            id="app-nav-drawer"
            placement="left"
            size={280}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('nav.menu')}
            className="app-drawer"
          >
            <nav aria-label={t('nav.label')}>
              <NavMenu me={me} onNavigate={() => setDrawerOpen(false)} />
            </nav>
            {me && <AccountActions me={me} block />}
          </Drawer>
        ) : null}

        <Layout className="app-body">
          {!isPhone && (
            <Layout.Sider width={232} theme="light" className="app-sider">
              <nav aria-label={t('nav.label')}>
                <NavMenu me={me} />
              </nav>
            </Layout.Sider>
          )}
          <Layout.Content className="app-content">
            <main id="main" tabIndex={-1} className="app-main">
              <Suspense fallback={<PageFallback />}>
                <Outlet />
              </Suspense>
            </main>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
