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
  | 'followUps'
  | 'dashboards'
  | 'warnings'
  | 'points'
  | 'interDepartment'
  | 'users'
  | 'catalog'
  | 'ledger'
  | 'cases'
  | 'mediation'
  | 'gridEvents'
  | 'verify'
  | 'credentials';

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
  followUps: area('followUps', '/follow-ups'),
  dashboards: area('dashboards', '/supervision'),
  warnings: area('warnings', '/supervision/warnings'),
  points: area('points', '/supervision/points'),
  interDepartment: area('interDepartment', '/supervision/inter-department'),
  users: area('users', '/admin/users'),
  catalog: area('catalog', '/admin/catalog'),
  ledger: area('ledger', '/admin/ledger'),
  cases: area('cases', '/court/cases'),
  mediation: area('mediation', '/court/mediation'),
  gridEvents: area('gridEvents', '/grid/events'),
  verify: area('verify', '/verify'),
  credentials: area('credentials', '/credentials'),
};

/** The home an account lands on: one per desk. */
export type HomeKind =
  | 'citizen'
  | 'clerk'
  | 'reviewer'
  | 'lead'
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

/** What a visitor who has not signed in sees: finding matters and reading guides. */
const PUBLIC_PORTAL = group('portal', 'group.portal', ['find', 'bundles']);

/** Areas anyone may open without an account (the catalog is public, as on every portal). */
const PUBLIC_AREAS: ReadonlySet<AreaKey> = new Set(['find', 'bundles', 'enterpriseStartup']);

const COURT = group('court', 'group.court', ['cases', 'mediation']);

/** The navigation group and home of each staff role. */
const STAFF: Record<StaffRole, { home: HomeKind; group: NavGroup }> = {
  clerk: {
    home: 'clerk',
    group: group('window', 'group.window', ['intake', 'handOver', 'followUps', 'points', 'inbox']),
  },
  reviewer: {
    home: 'reviewer',
    group: group('review', 'group.review', ['tasks', 'credentials', 'inbox']),
  },
  lead: {
    home: 'lead',
    group: group('lead', 'group.lead', ['dashboards', 'followUps', 'interDepartment', 'inbox']),
  },
  supervisor: {
    home: 'supervisor',
    group: group('supervision', 'group.supervision', [
      'dashboards',
      'warnings',
      'interDepartment',
      'points',
      'followUps',
      'inbox',
    ]),
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

/**
 * The navigation the account has: its portal, or one group per staff role (deduplicated);
 * for a visitor (null), the public part of the portal.
 */
export function navGroupsOf(me: Me | null): NavGroup[] {
  if (!me) return [PUBLIC_PORTAL];
  if (me.kind === 'person') return [PERSON_PORTAL];
  if (me.kind === 'company') return [COMPANY_PORTAL];
  const groups: NavGroup[] = [];
  for (const role of me.roles) {
    const g = STAFF[role].group;
    if (!groups.includes(g)) groups.push(g);
  }
  return groups;
}

/** Whether anyone may open the area, signed in or not. */
export function isPublicArea(key: AreaKey): boolean {
  return PUBLIC_AREAS.has(key);
}

/**
 * Whether the account may open the area (guards typed-in addresses): a public area for
 * anyone, any other only when the account's navigation includes it.
 */
export function canOpen(me: Me | null, key: AreaKey): boolean {
  if (isPublicArea(key)) return true;
  return navGroupsOf(me).some((g) => g.areas.some((a) => a.key === key));
}

// Pages that live outside their area's own address.
const EXTRA_PREFIXES: { prefix: string; key: AreaKey }[] = [
  { prefix: '/apply', key: 'applications' },
];

/** The area an address belongs to (the longest matching area path), if any. */
export function areaOfPath(pathname: string): AreaKey | undefined {
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  let best: { length: number; key: AreaKey } | undefined;
  for (const { prefix, key } of [
    ...Object.values(AREAS).map((a) => ({ prefix: a.path, key: a.key })),
    ...EXTRA_PREFIXES,
  ]) {
    if (under(prefix) && (!best || prefix.length > best.length)) {
      best = { length: prefix.length, key };
    }
  }
  return best?.key;
}

/**
 * Where an account lands after signing in: the page it wanted if it may open it, otherwise
 * its own home (a clerk who followed a link to "my applications" gets the window desk).
 */
export function landingPath(me: Me, wanted: string): string {
  const key = areaOfPath(new URL(wanted, 'http://app.invalid').pathname);
  return key === undefined || canOpen(me, key) ? wanted : '/';
}
