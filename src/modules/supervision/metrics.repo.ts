import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../platform/db/index.js';
import type { Database } from '../../schema.js';
import type { CasesTables } from '../cases/index.js';
import { ALL_COLUMNS, emptyCounters, type Counters } from './metrics.counters.js';
import { decodeKey, KEY_COLUMNS, type RollupDim } from './metrics.rows.js';
import type { FoldInput } from './metrics.fold.js';

type TaskStatus = CasesTables['tasks']['status'];

/** The raw rows of one application the fold reads (catalog facts are added by the service). */
export type ApplicationFacts = Omit<
  FoldInput,
  'application' | 'definition' | 'materials' | 'legalDays' | 'stepLegalDays' | 'provided'
> & {
  /** The application row, its frozen definition and materials still as JSON text. */
  application: FoldInput['application'] & { definition: string; materials: string };
};

/** Which rollup rows a query sums. */
export interface RollupSelection {
  dim: RollupDim;
  /** '' (the whole application), a department code, or `*`: every department's steps. */
  dept: string;
  channel?: string;
  subject?: string;
  /** What the rows are grouped by (the group is these columns joined by U+001F). */
  groupBy: ('key' | 'dept' | 'day' | 'subject')[];
}

/** One summed group. */
export interface RollupSum {
  group: string;
  c: Counters;
}

// The rollup table's counter columns are named at run time (ALL_COLUMNS): queries on it are
// built untyped, here only.
type Untyped = Kysely<Record<string, Record<string, unknown>>>;
const CHUNK = 200;
const PENDING_TASKS: TaskStatus[] = ['open', 'claimed', 'supplement', 'paused'];

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The only code of the supervision metrics that builds SQL. */
export function createMetricsRepo(db: Kysely<Database>, dialect: Dialect) {
  return {
    transaction<T>(fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
      return db.transaction().execute(fn);
    },

    /** Marks an application dirty (one statement; a later mark moves `marked_at`, which locks the row on PostgreSQL until the action commits). */
    async markDirty(tx: Kysely<Database>, applicationId: string, at: string): Promise<void> {
      await tx
        .insertInto('supervision_dirty')
        .values({ application_id: applicationId, marked_at: at })
        .onConflict((oc) =>
          oc
            .column('application_id')
            .doUpdateSet({ marked_at: (eb) => eb.ref('excluded.marked_at') }),
        )
        .execute();
    },

    /** Up to `limit` dirty applications; on PostgreSQL locked, skipping those another node or an open action holds. */
    async claimDirty(tx: Kysely<Database>, limit: number): Promise<string[]> {
      let q = tx
        .selectFrom('supervision_dirty')
        .select('application_id')
        .orderBy('marked_at')
        .limit(limit);
      if (dialect === 'postgres') q = q.forUpdate().skipLocked();
      return (await q.execute()).map((r) => r.application_id);
    },

    async clearDirty(tx: Kysely<Database>, ids: string[]): Promise<void> {
      for (const part of chunks(ids, 500))
        await tx.deleteFrom('supervision_dirty').where('application_id', 'in', part).execute();
    },

    async dirtyCount(): Promise<number> {
      const r = await db
        .selectFrom('supervision_dirty')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /** Marks dirty every application whose figures change by time alone by `now` (a due time passed). */
    async markRechecks(now: string): Promise<void> {
      await db
        .insertInto('supervision_dirty')
        .columns(['application_id', 'marked_at'])
        .expression(
          db
            .selectFrom('supervision_contributions')
            .select(['application_id', sql.lit(now).as('marked_at')])
            .where('recheck_at', '<=', now),
        )
        .onConflict((oc) => oc.column('application_id').doNothing())
        .execute();
    },

    /**
     * Marks dirty the applications that departments' systems read data for since the last
     * sweep (those reads come without an action of the application). Returns how many.
     */
    async sweepDatahubQueries(): Promise<number> {
      const state = await db
        .selectFrom('supervision_state')
        .select('value')
        .where('name', '=', 'datahub_at')
        .executeTakeFirst();
      const since = state?.value ?? '';
      const rows = await db
        .selectFrom('datahub_accesses')
        .select(['application_id', 'at'])
        .where('channel', '=', 'query')
        .where('at', '>', since)
        .orderBy('at')
        .limit(2000)
        .execute();
      if (rows.length === 0) return 0;
      const last = rows.at(-1)!.at;
      await db.transaction().execute(async (tx) => {
        const ids = [...new Set(rows.flatMap((r) => (r.application_id ? [r.application_id] : [])))];
        for (const part of chunks(ids, 300)) {
          await tx
            .insertInto('supervision_dirty')
            .values(part.map((id) => ({ application_id: id, marked_at: last })))
            .onConflict((oc) => oc.column('application_id').doNothing())
            .execute();
        }
        await tx
          .insertInto('supervision_state')
          .values({ name: 'datahub_at', value: last })
          .onConflict((oc) => oc.column('name').doUpdateSet({ value: last }))
          .execute();
      });
      return rows.length;
    },

    /** Every row the fold reads for these applications. */
    async facts(tx: Kysely<Database>, ids: string[]): Promise<Map<string, ApplicationFacts>> {
      const out = new Map<string, ApplicationFacts>();
      for (const part of chunks(ids, CHUNK)) {
        const apps = await tx
          .selectFrom('applications')
          .select([
            'id',
            'subject_kind',
            'subject_code',
            'channel',
            'status',
            'submitted_by',
            'accepted_at',
            'due_at',
            'completed_at',
            'alert',
            'paused_since',
            'created_at',
            'definition',
            'materials',
            'applicant_person_id',
            'applicant_org_id',
          ])
          .where('id', 'in', part)
          .execute();
        if (apps.length === 0) continue;
        const found = apps.map((a) => a.id);
        const [actions, tasks, evaluations, followUps, reads] = await Promise.all([
          tx
            .selectFrom('case_actions')
            .select([
              'application_id',
              'seq',
              'at',
              'type',
              'task_id',
              'actor',
              'actor_role',
              'channel',
              'data',
            ])
            .where('application_id', 'in', found)
            .orderBy('application_id')
            .orderBy('seq')
            .execute(),
          tx
            .selectFrom('tasks')
            .select([
              'id',
              'application_id',
              'step_id',
              'matter_code',
              'department_code',
              'status',
              'opened_at',
              'due_at',
              'decided_at',
              'alert',
              'paused_since',
            ])
            .where('application_id', 'in', found)
            .execute(),
          tx
            .selectFrom('evaluations')
            .select(['id', 'application_id', 'department_code', 'score', 'at'])
            .where('application_id', 'in', found)
            .execute(),
          tx
            .selectFrom('follow_ups')
            .select(['application_id', 'department_code', 'status', 'due_at', 'closed_at'])
            .where('application_id', 'in', found)
            .execute(),
          tx
            .selectFrom('datahub_accesses')
            .select((eb) => [
              'application_id',
              'department',
              eb.fn.countAll<number | string>().as('n'),
            ])
            .where('application_id', 'in', found)
            .groupBy(['application_id', 'department'])
            .execute(),
        ]);
        const personIds = [
          ...new Set(
            apps.flatMap((a) =>
              a.applicant_person_id && !a.applicant_org_id ? [a.applicant_person_id] : [],
            ),
          ),
        ];
        const orgIds = [
          ...new Set(apps.flatMap((a) => (a.applicant_org_id ? [a.applicant_org_id] : []))),
        ];
        const clerks = [
          ...new Set(actions.filter((a) => a.actor_role === 'clerk').map((a) => a.actor)),
        ];
        for (const a of apps)
          if (a.channel === 'window' || a.channel === 'overseas') clerks.push(a.submitted_by);
        const [persons, orgs, profiles] = await Promise.all([
          personIds.length
            ? tx
                .selectFrom('persons')
                .select(['id', 'division_code'])
                .where('id', 'in', personIds)
                .execute()
            : [],
          orgIds.length
            ? tx
                .selectFrom('organizations')
                .select(['id', 'credit_code'])
                .where('id', 'in', orgIds)
                .execute()
            : [],
          clerks.length
            ? tx
                .selectFrom('clerk_profiles')
                .select(['account_id', 'window_no'])
                .where('account_id', 'in', [...new Set(clerks)])
                .execute()
            : [],
        ]);
        const division = new Map<string, string>();
        for (const p of persons) division.set(p.id, p.division_code);
        const orgDivision = new Map(orgs.map((o) => [o.id, o.credit_code.slice(2, 8)]));
        const windows: Record<string, string | null> = {};
        for (const p of profiles) windows[p.account_id] = p.window_no;
        for (const a of apps) {
          out.set(a.id, {
            application: a,
            actions: [],
            tasks: [],
            evaluations: [],
            followUps: [],
            datahub: { total: 0, byDepartment: {} },
            windows,
            division: a.applicant_org_id
              ? (orgDivision.get(a.applicant_org_id) ?? null)
              : a.applicant_person_id
                ? (division.get(a.applicant_person_id) ?? null)
                : null,
          });
        }
        for (const x of actions) {
          let paused: number | undefined;
          if (x.type === 'supplement-answered' || x.type === 'resumed') {
            try {
              const d = JSON.parse(x.data) as { pausedWorkingMillis?: unknown };
              if (typeof d.pausedWorkingMillis === 'number') paused = d.pausedWorkingMillis;
            } catch {
              paused = undefined;
            }
          }
          out.get(x.application_id)?.actions.push({
            seq: Number(x.seq),
            at: x.at,
            type: x.type,
            task_id: x.task_id,
            actor: x.actor,
            actor_role: x.actor_role,
            channel: x.channel,
            ...(paused !== undefined ? { pausedWorkingMillis: paused } : {}),
          });
        }
        for (const t of tasks) out.get(t.application_id)?.tasks.push(t);
        for (const e of evaluations)
          out.get(e.application_id)?.evaluations.push({ ...e, score: Number(e.score) });
        for (const f of followUps) out.get(f.application_id)?.followUps.push(f);
        for (const r of reads) {
          const facts = r.application_id ? out.get(r.application_id) : undefined;
          if (!facts) continue;
          const n = Number(r.n);
          facts.datahub.total += n;
          if (r.department)
            facts.datahub.byDepartment[r.department] =
              (facts.datahub.byDepartment[r.department] ?? 0) + n;
        }
      }
      return out;
    },

    async contributions(tx: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      for (const part of chunks(ids, 500)) {
        const rows = await tx
          .selectFrom('supervision_contributions')
          .select(['application_id', 'units'])
          .where('application_id', 'in', part)
          .execute();
        for (const r of rows) out.set(r.application_id, r.units);
      }
      return out;
    },

    async saveContributions(
      tx: Kysely<Database>,
      rows: {
        application_id: string;
        units: string;
        recheck_at: string | null;
        folded_at: string;
      }[],
    ): Promise<void> {
      for (const part of chunks(rows, 300)) {
        await tx
          .insertInto('supervision_contributions')
          .values(part)
          .onConflict((oc) =>
            oc.column('application_id').doUpdateSet({
              units: (eb) => eb.ref('excluded.units'),
              recheck_at: (eb) => eb.ref('excluded.recheck_at'),
              folded_at: (eb) => eb.ref('excluded.folded_at'),
            }),
          )
          .execute();
      }
    },

    /** Adds signed changes to rollup rows (sorted by key, so two nodes lock in one order). */
    async applyDeltas(tx: Kysely<Database>, rows: [string, Counters][]): Promise<void> {
      const u = tx as unknown as Untyped;
      const set = Object.fromEntries(
        ALL_COLUMNS.map((c) => [
          c,
          sql`${sql.ref(`supervision_rollups.${c}`)} + ${sql.ref(`excluded.${c}`)}`,
        ]),
      );
      for (const part of chunks(rows, 250)) {
        const values = part.map(([k, c]) => {
          const key = decodeKey(k);
          const row: Record<string, unknown> = { ...key };
          ALL_COLUMNS.forEach((col, i) => (row[col] = c[i] ?? 0));
          return row;
        });
        await u
          .insertInto('supervision_rollups')
          .values(values)
          .onConflict((oc) => oc.columns([...KEY_COLUMNS]).doUpdateSet(set))
          .execute();
      }
    },

    /** Sums rollup rows of one period between two days (inclusive), grouped. */
    async sum(
      selection: RollupSelection,
      period: 'd' | 'm',
      from: string,
      to: string,
    ): Promise<RollupSum[]> {
      const u = db as unknown as Untyped;
      const group = selection.groupBy;
      let q = u
        .selectFrom('supervision_rollups')
        .select(group.map((g) => sql.ref(g).as(`g_${g}`)))
        .select(ALL_COLUMNS.map((c) => sql<string>`sum(${sql.ref(c)})`.as(c)))
        .where('period', '=', period)
        .where('dim', '=', selection.dim);
      q = selection.dept === '*' ? q.where('dept', '<>', '') : q.where('dept', '=', selection.dept);
      q = q.where('day', '>=', from).where('day', '<=', to);
      if (selection.channel) q = q.where('channel', '=', selection.channel);
      q = q.where('subject', '=', selection.subject ?? '');
      const rows = await q.groupBy(group).execute();
      return rows.map((r) => {
        const c = emptyCounters();
        ALL_COLUMNS.forEach((col, i) => (c[i] = Number(r[col] ?? 0)));
        return { group: group.map((g) => String(r[`g_${g}`])).join('\u001f'), c };
      });
    },

    /** Open steps past or near their limit, soonest due first (indexed by alert). */
    async alertedTasks(department: string | undefined, limit: number) {
      let q = db
        .selectFrom('tasks')
        .innerJoin('applications', 'applications.id', 'tasks.application_id')
        .select([
          'tasks.id as task_id',
          'tasks.application_id',
          'tasks.department_code',
          'tasks.alert',
          'tasks.due_at',
          'tasks.escalated_at',
          'applications.receipt_no',
          'applications.title',
        ])
        .where('tasks.alert', 'in', ['warning', 'overdue'])
        .where('tasks.status', 'in', PENDING_TASKS);
      if (department) q = q.where('tasks.department_code', '=', department);
      return q.orderBy('tasks.due_at').limit(limit).execute();
    },

    /** The escalation follow-ups of these tasks. */
    async escalations(taskIds: string[]) {
      if (taskIds.length === 0) return [];
      const out = [];
      for (const part of chunks(taskIds, 500)) {
        out.push(
          ...(await db
            .selectFrom('follow_ups')
            .select(['task_id', 'status', 'owner_account', 'created_at'])
            .where('kind', '=', 'escalation')
            .where('task_id', 'in', part)
            .execute()),
        );
      }
      return out;
    },

    /** The instant the newest folded history ends at (the latest fold). */
    async lastFold(): Promise<string | null> {
      const r = await db
        .selectFrom('supervision_contributions')
        .select((eb) => eb.fn.max('folded_at').as('at'))
        .executeTakeFirst();
      return (r?.at as string | null | undefined) ?? null;
    },
  };
}

export type MetricsRepo = ReturnType<typeof createMetricsRepo>;
