import { useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import { Menu, type MenuProps } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import type { Me } from '@contracts/auth';
import { useInbox } from '../../features/inbox';
import { useT } from '../../i18n';
import { AREA_ICONS } from '../area-icons';
import { navGroupsOf } from '../areas';

type MenuItem = Required<MenuProps>['items'][number];

/** The key of the menu item for a path: the longest area path that prefixes it. */
function selectedKey(pathname: string, keys: string[]): string {
  let best = '/';
  for (const key of keys) {
    if ((pathname === key || pathname.startsWith(`${key}/`)) && key.length > best.length) {
      best = key;
    }
  }
  return best;
}

/**
 * The role's navigation as an antd Menu of real links: home, then one titled group per
 * desk (the public portal for a visitor, `me` null). `onNavigate` lets the phone drawer
 * close after a choice.
 */
export function NavMenu({ me, onNavigate }: { me: Me | null; onNavigate?: () => void }) {
  const t = useT();
  const { pathname } = useLocation();
  const groups = navGroupsOf(me);
  const hasInbox = groups.some((g) => g.areas.some((a) => a.key === 'inbox'));
  const unread = useInbox(hasInbox).data?.unread ?? 0;

  const items = useMemo<MenuItem[]>(
    () => [
      { key: '/', icon: <HomeOutlined aria-hidden />, label: <Link to="/">{t('nav.home')}</Link> },
      ...groups.map<MenuItem>((group) => ({
        type: 'group',
        key: group.key,
        label: t(group.label),
        children: group.areas.map((area) => ({
          key: area.path,
          icon: AREA_ICONS[area.key],
          label:
            area.key === 'inbox' && unread > 0 ? (
              <span className="nav-menu__with-badge">
                <Link to={area.path}>{t(area.label)}</Link>
                {/* A styled count rather than antd's Badge, which the shell would load for it. */}
                <span
                  className="nav-menu__count"
                  aria-label={t('inbox.unreadCount', { n: unread })}
                >
                  {unread > 99 ? '99+' : unread}
                </span>
              </span>
            ) : (
              <Link to={area.path}>{t(area.label)}</Link>
            ),
        })),
      })),
    ],
    [groups, t, unread],
  );
  const keys = groups.flatMap((g) => g.areas.map((a) => a.path));

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(pathname, keys)]}
      onClick={() => onNavigate?.()}
      className="nav-menu"
    />
  );
}
