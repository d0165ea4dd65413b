import type { Me, StaffRole } from '@contracts/auth';
import type { MessageKey } from '../i18n';

/** The areas of the app a role can reach; most are built in later issues. */
export type AreaKey =
  | 'find'
  | 'bundles'
  | 'enterpriseStartup'
  | 'applications'
  | 'inbox'
  | 'wallet'
  | 'dataAccess'
  | 'intake'
  | 'handOver'
  | 'tasks'
  | 'dashboards'
  | 'warnings'
  | 'users'
  | 'catalog'
  | 'ledger'
  | 'cases'
  | 'mediation'
  | 'gridEvents'
  | 'verify';

/** One area: where it lives and what it is called (`area.<key>` and `area.<key>.desc`). */
export interface Area {
  key: AreaKey;
  path: string;
  label: MessageKey;
  description: MessageKey;
}

function area(key: AreaKey, path: string): Area {
  return {
    key,
    path,
    // `as const` keeps the template's literal type, so a missing message fails to compile.
    label: `area.${key}` as const,
    description: `area.${key}.desc` as const,
  };
}

/** Every area by key. */
export const AREAS: Record<AreaKey, Area> = {
  find: area('find', '/matters'),
  bundles: area('bundles', '/bundles'),
  enterpriseStartup: area('enterpriseStartup', '/bundles/enterprise-startup'),
  applications: area('applications', '/applications'),
  inbox: area('inbox', '/inbox'),
  wallet: area('wallet', '/wallet'),
  dataAccess: area('dataAccess', '/data-access'),
  intake: area('intake', '/window/intake'),
  handOver: area('handOver', '/window/hand-over'),
  tasks: area('tasks', '/tasks'),
  dashboards: area('dashboards', '/supervision'),
  warnings: area('warnings', '/supervision/warnings'),
  users: area('users', '/admin/users'),
  catalog: area('catalog', '/admin/catalog'),
  ledger: area('ledger', '/admin/ledger'),
  cases: area('cases', '/court/cases'),
  mediation: area('mediation', '/court/mediation'),
  gridEvents: area('gridEvents', '/grid/events'),
  verify: area('verify', '/verify'),
};

/** The home an account lands on: one per desk. */
export type HomeKind =
  | 'citizen'
  | 'clerk'
  | 'reviewer'
  | 'supervisor'
  | 'admin'
  | 'court'
  | 'grid'
  | 'verifier'
  | 'staff';

/** A titled group of areas in the navigation. */
export interface NavGroup {
  key: string;
  label: MessageKey;
  areas: Area[];
}

function group(key: string, label: MessageKey, keys: AreaKey[]): NavGroup {
  return { key, label, areas: keys.map((k) => AREAS[k]) };
}

const PERSON_PORTAL = group('portal', 'group.portal', [
  'find',
  'bundles',
  'applications',
  'inbox',
  'wallet',
  'dataAccess',
]);
const COMPANY_PORTAL = group('portal', 'group.portal', [
  'find',
  'bundles',
  'enterpriseStartup',
  'applications',
  'inbox',
  'wallet',
  'dataAccess',
]);

const COURT = group('court', 'group.court', ['cases', 'mediation']);

/** The navigation group and home of each staff role. */
const STAFF: Record<StaffRole, { home: HomeKind; group: NavGroup }> = {
  clerk: { home: 'clerk', group: group('window', 'group.window', ['intake', 'handOver']) },
  reviewer: { home: 'reviewer', group: group('review', 'group.review', ['tasks']) },
  supervisor: {
    home: 'supervisor',
    group: group('supervision', 'group.supervision', ['dashboards', 'warnings']),
  },
  admin: { home: 'admin', group: group('admin', 'group.admin', ['users', 'catalog', 'ledger']) },
  judge: { home: 'court', group: COURT },
  mediator: { home: 'court', group: COURT },
  'grid-worker': { home: 'grid', group: group('grid', 'group.grid', ['gridEvents']) },
  verifier: { home: 'verifier', group: group('verify', 'group.verify', ['verify']) },
};

/** The account's home: the portal for applicants, the desk of the first role for staff. */
export function homeKindOf(me: Me): HomeKind {
  if (me.kind !== 'staff') return 'citizen';
  const first = me.roles[0];
  return first ? STAFF[first].home : 'staff';
}

/** The navigation the account has: its portal, or one group per staff role (deduplicated). */
export function navGroupsOf(me: Me): NavGroup[] {
  if (me.kind === 'person') return [PERSON_PORTAL];
  if (me.kind === 'company') return [COMPANY_PORTAL];
  const groups: NavGroup[] = [];
  for (const role of me.roles) {
    const g = STAFF[role].group;
    if (!groups.includes(g)) groups.push(g);
  }
  return groups;
}

/** Whether the account's navigation includes the area (guards typed-in addresses). */
export function canOpen(me: Me, key: AreaKey): boolean {
  return navGroupsOf(me).some((g) => g.areas.some((a) => a.key === key));
}
