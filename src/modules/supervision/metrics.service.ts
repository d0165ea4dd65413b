/*
 * The supervision metrics service: refreshes the rollups from dirty applications (one
 * transaction per batch: subtract the stored contribution, add the new one, store it, clear
 * the mark) and answers the dashboards from the rollups only. Access: the supervision office
 * sees everything; a department's lead or reviewer their own department.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../../platform/http/index.js';
import type {
  BundlesView,
  MetricDimension,
  MetricRow,
  MetricsFilter,
  MetricsQuery,
  MetricsTable,
  OverdueItem,
  OverdueList,
  Ranking,
  TownNode,
  TownsView,
  Trend,
  TrendQuery,
} from '../../../shared/contracts/supervision.js';
import type { Database } from '../../schema.js';
import type { CaseDefinition } from '../cases/index.js';
import {
  addInto,
  emptyCounters,
  get,
  toMetricRow,
  WORKING_DAY_SECONDS,
  type Counters,
} from './metrics.counters.js';
import { MetricsErrors } from './metrics.errors.js';
import { foldApplication, type FoldInput } from './metrics.fold.js';
import { cityName, countyName } from './metrics-places.js';
import type { ApplicationFacts, MetricsRepo, RollupSelection } from './metrics.repo.js';
import { decodeUnits, deltaRows, encodeUnits, nonZero, type RollupDim } from './metrics.rows.js';
import type { SupervisionDeps } from './supervision.deps.js';

/** The longest range a query may cover (3 years). */
export const MAX_RANGE_DAYS = 3 * 366;
const DAY_MS = 86_400_000;
const SEP = '\u001f';

const CHANNEL_LABELS: Record<string, string> = {
  online: '网上办理',
  window: '窗口办理',
  overseas: '跨境办理',
  department: '部门间办理',
};

/** A validated range: whole days, `to` not before `from`, at most MAX_RANGE_DAYS. */
export function checkRange(from: string, to: string): void {
  const issues = [];
  const valid = (d: string) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  };
  if (!valid(from))
    issues.push({ path: 'from', code: 'invalid_date', message: `${from} is not a date` });
  if (!valid(to)) issues.push({ path: 'to', code: 'invalid_date', message: `${to} is not a date` });
  if (issues.length > 0) throw MetricsErrors.invalidRange(issues);
  if (to < from)
    throw MetricsErrors.invalidRange([
      { path: 'to', code: 'before_from', message: '`to` is before `from`' },
    ]);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) throw MetricsErrors.rangeTooLong(MAX_RANGE_DAYS);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The range as rollup segments: whole months from the monthly rows, the days before and
 * after them from the daily rows.
 */
export function segments(
  from: string,
  to: string,
): { period: 'd' | 'm'; from: string; to: string }[] {
  const firstMonth = from.endsWith('-01')
    ? from
    : `${addDays(`${from.slice(0, 7)}-01`, 32).slice(0, 7)}-01`;
  const nextMonthOf = (m: string) => `${addDays(m, 32).slice(0, 7)}-01`;
  let lastMonth: string | null = null;
  for (let m = firstMonth; addDays(nextMonthOf(m), -1) <= to; m = nextMonthOf(m)) lastMonth = m;
  if (!lastMonth) return [{ period: 'd', from, to }];
  const out: { period: 'd' | 'm'; from: string; to: string }[] = [];
  if (from < firstMonth) out.push({ period: 'd', from, to: addDays(firstMonth, -1) });
  out.push({ period: 'm', from: firstMonth, to: lastMonth });
  const after = nextMonthOf(lastMonth);
  if (after <= to) out.push({ period: 'd', from: after, to });
  return out;
}

/** The Monday of the week of a day. */
function mondayOf(day: string): string {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((wd + 6) % 7));
}

export function createMetricsService(
  deps: SupervisionDeps & { repo: MetricsRepo; batchSize?: number },
) {
  const { repo, catalog, clock, calendar, logger } = deps;
  const batchSize = deps.batchSize ?? 200;

  function inputOf(f: ApplicationFacts): FoldInput {
    const a = f.application;
    const def = JSON.parse(a.definition) as CaseDefinition & {
      legalLimit?: { workingDays: number } | null;
      provided?: { id: string; steps: string[] }[];
    };
    const guide =
      a.subject_kind === 'bundle' ? catalog.bundle(a.subject_code) : catalog.matter(a.subject_code);
    const legal = def.legalLimit !== undefined ? def.legalLimit : (guide?.legalLimit ?? null);
    const stepLegalDays: Record<string, number | null> = {};
    for (const s of def.steps)
      stepLegalDays[s.id] = catalog.matter(s.matter)?.legalLimit?.workingDays ?? null;
    let materials: FoldInput['materials'] = [];
    try {
      materials = JSON.parse(a.materials) as FoldInput['materials'];
    } catch {
      materials = [];
    }
    return {
      application: a,
      definition: def,
      materials,
      actions: f.actions,
      tasks: f.tasks,
      evaluations: f.evaluations,
      followUps: f.followUps,
      datahub: f.datahub,
      windows: f.windows,
      division: f.division,
      legalDays: legal?.workingDays ?? null,
      stepLegalDays,
      provided: (def.provided ?? guide?.provided ?? []).map((p) => ({ id: p.id, steps: p.steps })),
    };
  }

  /** One batch in one transaction; returns how many applications it folded. */
  async function refreshBatch(): Promise<number> {
    return repo.transaction(async (tx) => {
      const ids = await repo.claimDirty(tx, batchSize);
      if (ids.length === 0) return 0;
      const now = clock.now();
      const facts = await repo.facts(tx, ids);
      const old = await repo.contributions(tx, ids);
      const deltas = new Map<string, Counters>();
      const saves = [];
      for (const id of ids) {
        const f = facts.get(id);
        if (!f) continue;
        let folded;
        try {
          folded = foldApplication(inputOf(f), { now, calendar });
        } catch (error) {
          // A fact the fold cannot read (a calendar year without data): the old figures stay.
          logger.warn({ err: error, applicationId: id }, 'supervision fold failed; figures kept');
          continue;
        }
        const before = old.get(id);
        deltaRows(deltas, before ? decodeUnits(before) : null, folded.units);
        saves.push({
          application_id: id,
          units: encodeUnits(folded.units),
          recheck_at: folded.recheckAt,
          folded_at: now.toISOString(),
        });
      }
      await repo.applyDeltas(tx, nonZero(deltas));
      await repo.saveContributions(tx, saves);
      await repo.clearDirty(tx, ids);
      return ids.length;
    });
  }

  async function runRefresh(): Promise<number> {
    await repo.markRechecks(clock.now().toISOString());
    await repo.sweepDatahubQueries();
    let total = 0;
    for (;;) {
      const n = await refreshBatch();
      total += n;
      if (n < batchSize) return total;
    }
  }

  // Refreshes of this process run one after another (the job and dashboard reads).
  let queue: Promise<unknown> = Promise.resolve();
  function refresh(): Promise<number> {
    const run = queue.then(runRefresh, runRefresh);
    queue = run.catch(() => undefined);
    return run;
  }

  /** The department the caller may see (undefined: all); throws 403 otherwise. */
  function scopeOf(p: Principal, asked: string | undefined): string | undefined {
    if (p.roles.includes('supervisor')) return asked;
    if ((p.roles.includes('lead') || p.roles.includes('reviewer')) && p.departmentCode) {
      if (asked && asked !== p.departmentCode)
        throw MetricsErrors.otherDepartment(p.departmentCode, asked);
      return p.departmentCode;
    }
    throw MetricsErrors.forbidden();
  }

  async function sum(
    sel: RollupSelection,
    from: string,
    to: string,
  ): Promise<Map<string, Counters>> {
    const out = new Map<string, Counters>();
    for (const seg of segments(from, to)) {
      for (const r of await repo.sum(sel, seg.period, seg.from, seg.to)) {
        let c = out.get(r.group);
        if (!c) out.set(r.group, (c = emptyCounters()));
        addInto(c, r.c);
      }
    }
    return out;
  }

  async function labels(
    dim: MetricDimension | RollupDim,
    keys: string[],
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (dim === 'clerk') {
      const names = await deps.staff.displayNames(keys.filter((k) => k !== ''));
      for (const k of keys) out.set(k, k === '' ? '非窗口受理' : (names.get(k) ?? k));
      return out;
    }
    for (const k of keys) {
      let label: string | undefined;
      if (dim === 'department') label = catalog.department(k)?.name.zh;
      else if (dim === 'matter') label = catalog.matter(k)?.name.zh;
      else if (dim === 'bundle') label = catalog.bundle(k)?.name.zh;
      else if (dim === 'channel') label = CHANNEL_LABELS[k];
      else if (dim === 'window') label = CHANNEL_LABELS[k] ?? `${k} 号窗口`;
      else if (dim === 'town') label = k === '' ? '未知' : `${cityName(k)}${countyName(k)}`;
      out.set(k, label ?? k);
    }
    return out;
  }

  const filterOf = (f: MetricsFilter) => ({
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.matter ? { subject: f.matter } : {}),
  });

  async function table(p: Principal, q: MetricsQuery): Promise<MetricsTable> {
    checkRange(q.from, q.to);
    const scope = scopeOf(p, q.department);
    await refresh();
    const asOf = clock.now().toISOString();
    const byDepartment = q.by === 'department';
    const rows = await sum(
      {
        dim: (byDepartment ? 'all' : q.by) as RollupDim,
        dept: byDepartment ? (scope ?? '*') : (scope ?? ''),
        groupBy: [byDepartment ? 'dept' : 'key'],
        ...filterOf(q),
      },
      q.from,
      q.to,
    );
    const totals = await sum(
      { dim: 'all', dept: scope ?? '', groupBy: ['dept'], ...filterOf(q) },
      q.from,
      q.to,
    );
    const names = await labels(q.by, [...rows.keys()]);
    const list = [...rows.entries()]
      .map(([k, c]) => toMetricRow(k, names.get(k) ?? k, c))
      .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
    const total = [...totals.values()][0] ?? emptyCounters();
    return {
      from: q.from,
      to: q.to,
      by: q.by,
      totals: toMetricRow(
        '*',
        scope ? `${catalog.department(scope)?.name.zh ?? scope}合计` : '合计',
        total,
      ),
      rows: list,
      asOf,
    };
  }

  return {
    refresh,
    /** Marks an application dirty in the caller's transaction (one statement). */
    touched: (tx: Kysely<Database>, applicationId: string) =>
      repo.markDirty(tx, applicationId, clock.now().toISOString()),
    scopeOf,
    table,

    async trend(p: Principal, q: TrendQuery): Promise<Trend> {
      checkRange(q.from, q.to);
      const scope = scopeOf(p, q.department);
      await refresh();
      const asOf = clock.now().toISOString();
      const days = await sum(
        { dim: 'all', dept: scope ?? '', groupBy: ['day'], ...filterOf(q) },
        q.from,
        q.to,
      );
      const periodOf = (day: string) => {
        const start =
          q.interval === 'day'
            ? day
            : q.interval === 'week'
              ? mondayOf(day)
              : `${day.slice(0, 7)}-01`;
        return start < q.from ? q.from : start;
      };
      const periods = new Map<string, Counters>();
      for (let d = q.from; d <= q.to; d = addDays(d, 1)) {
        const k = periodOf(d);
        if (!periods.has(k)) periods.set(k, emptyCounters());
      }
      for (const [day, c] of days) {
        const target = periods.get(periodOf(day));
        if (target) addInto(target, c);
      }
      return {
        from: q.from,
        to: q.to,
        interval: q.interval,
        rows: [...periods.entries()].map(([k, c]) => toMetricRow(k, k, c)),
        asOf,
      };
    },

    async ranking(p: Principal, q: MetricsFilter): Promise<Ranking> {
      const t = await table(p, { ...q, by: 'department' });
      const nullLast = (v: number | null, dir: 1 | -1) => (v === null ? Infinity : dir * v);
      const rows = [...t.rows].sort(
        (a, b) =>
          nullLast(a.badRatingRate, 1) - nullLast(b.badRatingRate, 1) ||
          nullLast(a.onTimeRate, -1) - nullLast(b.onTimeRate, -1) ||
          a.key.localeCompare(b.key),
      );
      return {
        from: q.from,
        to: q.to,
        rows: rows.map((r, i) => ({ ...r, rank: i + 1 })),
        asOf: t.asOf,
      };
    },

    async bundles(p: Principal, q: MetricsFilter): Promise<BundlesView> {
      checkRange(q.from, q.to);
      const scope = scopeOf(p, q.department);
      await refresh();
      const asOf = clock.now().toISOString();
      const filter = filterOf(q);
      const bundles = await sum(
        { dim: 'bundle', dept: scope ?? '', groupBy: ['key'], ...filter },
        q.from,
        q.to,
      );
      const steps = await sum(
        { dim: 'step', dept: scope ?? '*', groupBy: ['key', 'dept'], ...filter },
        q.from,
        q.to,
      );
      const rows = [...bundles.entries()].map(([code, c]) => {
        const m = toMetricRow(code, code, c);
        const guide = catalog.bundle(code);
        const own = [...steps.entries()]
          .map(([k, sc]) => ({ k: k.split(SEP), sc }))
          .filter((s) => s.k[0]?.startsWith(`${code}:`))
          .map(({ k, sc }) => {
            const [key = '', dept = ''] = k;
            const stepId = key.slice(code.length + 1);
            const step = guide?.steps.find((s) => s.id === stepId);
            return {
              stepId,
              matterCode: step?.matter ?? stepId,
              departmentCode: dept,
              departmentName: catalog.department(dept)?.name.zh ?? dept,
              decided: get(sc, 'completed') + get(sc, 'rejected'),
              open: get(sc, 'open_steps'),
              avgDays: toMetricRow(stepId, stepId, sc).avgDays,
              holdsUp: get(sc, 'holds_up'),
            };
          })
          .sort((a, b) => {
            const order = (id: string) => guide?.steps.findIndex((s) => s.id === id) ?? 0;
            return (
              order(a.stepId) - order(b.stepId) || a.departmentCode.localeCompare(b.departmentCode)
            );
          });
        return {
          code,
          name: guide?.name.zh ?? code,
          received: m.received,
          completed: m.completed,
          avgDays: m.avgDays,
          promisedDays: m.promisedDays,
          materialsPerApplication:
            m.received > 0 ? Math.round((m.materialsAsked / m.received) * 10_000) / 10_000 : null,
          steps: own,
        };
      });
      rows.sort((a, b) => b.received - a.received || a.code.localeCompare(b.code));
      return { from: q.from, to: q.to, rows, asOf };
    },

    async towns(p: Principal, q: MetricsFilter): Promise<TownsView> {
      checkRange(q.from, q.to);
      const scope = scopeOf(p, q.department);
      await refresh();
      const asOf = clock.now().toISOString();
      const places = await sum(
        { dim: 'town', dept: scope ?? '', groupBy: ['key'], ...filterOf(q) },
        q.from,
        q.to,
      );
      const node = (code: string, name: string, c: Counters, children: TownNode[]): TownNode => {
        const m = toMetricRow(code, name, c);
        return {
          code,
          name,
          received: m.received,
          completed: m.completed,
          badRatingRate: m.badRatingRate,
          children,
        };
      };
      const cities = new Map<string, { c: Counters; counties: [string, Counters][] }>();
      for (const [code, c] of places) {
        if (!/^\d{6}$/.test(code)) continue;
        const city = `${code.slice(0, 4)}00`;
        let e = cities.get(city);
        if (!e) cities.set(city, (e = { c: emptyCounters(), counties: [] }));
        addInto(e.c, c);
        e.counties.push([code, c]);
      }
      const root = [...cities.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([city, e]) =>
          node(
            city,
            cityName(city),
            e.c,
            e.counties
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([code, c]) => node(code, countyName(code), c, [])),
          ),
        );
      return { from: q.from, to: q.to, root, asOf };
    },

    async overdue(p: Principal, q: { department?: string }): Promise<OverdueList> {
      const scope = scopeOf(p, q.department);
      const now = clock.now();
      const tasks = await repo.alertedTasks(scope, 500);
      const escalations = await repo.escalations(tasks.map((t) => t.task_id));
      const latestOf = new Map<string, (typeof escalations)[number]>();
      for (const e of escalations) {
        if (!e.task_id) continue;
        const seen = latestOf.get(e.task_id);
        if (!seen || e.created_at > seen.created_at) latestOf.set(e.task_id, e);
      }
      const owners = [
        ...new Set(escalations.flatMap((e) => (e.owner_account ? [e.owner_account] : []))),
      ];
      const names = await deps.staff.displayNames(owners);
      const items: OverdueItem[] = tasks.flatMap((t) => {
        if (!t.due_at || (t.alert !== 'warning' && t.alert !== 'overdue')) return [];
        const f = latestOf.get(t.task_id);
        let late = 0;
        try {
          late =
            calendar.workingMillisBetween(new Date(t.due_at), now) / (WORKING_DAY_SECONDS * 1000);
        } catch {
          late = (now.getTime() - Date.parse(t.due_at)) / DAY_MS;
        }
        return [
          {
            applicationId: t.application_id,
            receiptNo: t.receipt_no,
            title: t.title,
            taskId: t.task_id,
            departmentCode: t.department_code,
            departmentName: catalog.department(t.department_code)?.name.zh ?? t.department_code,
            alert: t.alert,
            dueAt: t.due_at,
            overdueDays: Math.round(late * 100) / 100,
            escalation: f
              ? f.status === 'done'
                ? 'follow-up-closed'
                : f.status === 'raised'
                  ? 'follow-up-raised'
                  : 'follow-up-open'
              : t.escalated_at
                ? 'escalated'
                : 'none',
            ownerName: f?.owner_account ? (names.get(f.owner_account) ?? null) : null,
          },
        ];
      });
      return { items, asOf: now.toISOString() };
    },
  };
}

export type MetricsService = ReturnType<typeof createMetricsService>;
export type { MetricRow };
