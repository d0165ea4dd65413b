import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { HomeOutlined } from '@ant-design/icons';
import type { Me } from '@contracts/auth';
import { useInbox } from '../../features/inbox';
import { useT } from '../../i18n';
import { AREA_ICONS } from '../area-icons';
import { navGroupsOf } from '../areas';

/** The path of the selected entry for a path: the longest area path that prefixes it. */
function selectedPath(pathname: string, paths: string[]): string {
  let best = '/';
  for (const path of paths) {
    if ((pathname === path || pathname.startsWith(`${path}/`)) && path.length > best.length) {
      best = path;
    }
  }
  return best;
}

/**
 * The role's navigation: home, then one titled group per desk (the public portal for a
 * visitor, `me` null), each entry a link over its whole row, the current one marked with
 * `aria-current`. Plain lists styled as antd's inline menu rather than antd's Menu, which
 * (with its tooltips and overflow handling) weighed about 20 kB gzipped on every first screen.
 * `onNavigate` lets the phone drawer close after a choice.
 */
export function NavMenu({ me, onNavigate }: { me: Me | null; onNavigate?: () => void }) {
  const t = useT();
  const { pathname } = useLocation();
  const groups = navGroupsOf(me);
  const hasInbox = groups.some((g) => g.areas.some((a) => a.key === 'inbox'));
  const unread = useInbox(hasInbox).data?.unread ?? 0;
  const selected = selectedPath(
    pathname,
    groups.flatMap((g) => g.areas.map((a) => a.path)),
  );

  const entry = (path: string, icon: ReactNode, label: string, count = 0) => (
    <li key={path}>
      <Link
        to={path}
        className={path === selected ? 'nav-menu__item nav-menu__item--selected' : 'nav-menu__item'}
        aria-current={path === selected ? 'page' : undefined}
        onClick={() => onNavigate?.()}
      >
        <span className="nav-menu__icon">{icon}</span>
        <span className="nav-menu__label">{label}</span>
        {count > 0 && (
          <span className="nav-menu__count" aria-label={t('inbox.unreadCount', { n: count })}>
            {count > 99 ? '99+' : count}
          </span>
        )}
      </Link>
    </li>
  );

  return (
    <div className="nav-menu">
      <ul className="nav-menu__list">{entry('/', <HomeOutlined aria-hidden />, t('nav.home'))}</ul>
      {groups.map((group) => (
        <div
          key={group.key}
          className="nav-menu__group"
          role="group"
          aria-labelledby={`nav-${group.key}`}
        >
          <div id={`nav-${group.key}`} className="nav-menu__group-title">
            {t(group.label)}
          </div>
          <ul className="nav-menu__list">
            {group.areas.map((area) =>
              entry(
                area.path,
                AREA_ICONS[area.key],
                t(area.label),
                area.key === 'inbox' ? unread : 0,
              ),
            )}
          </ul>
        </div>
      ))}
    </div>
  );
}
