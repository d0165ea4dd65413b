import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../schema.js';
import type { PointsFact, LedgerLine } from './points.js';
import type { ClerkGradeChangesTable, ClerkProfilesTable } from './window-staff.tables.js';

export type ClerkProfileRow = Selectable<ClerkProfilesTable>;
export type GradeChangeRow = Selectable<ClerkGradeChangesTable>;

/** A window clerk account with its recorded grade and window, if any. */
export interface ClerkRow {
  account_id: string;
  username: string;
  display_name: string;
  grade: string | null;
  window_no: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

const CHUNK = 500;

/** The only code of window staff that builds SQL: profiles, grade changes, the points ledger. */
export function createWindowStaffRepo(db: Kysely<Database>) {
  const clerks = () =>
    db
      .selectFrom('accounts as a')
      .leftJoin('clerk_profiles as p', 'p.account_id', 'a.id')
      .select([
        'a.id as account_id',
        'a.username',
        'a.display_name',
        'p.grade',
        'p.window_no',
        'p.updated_at',
        'p.updated_by',
      ])
      .where('a.kind', '=', 'staff')
      // Roles are a JSON array of plain words: the quoted role matches one element exactly.
      .where('a.roles', 'like', '%"clerk"%');

  return {
    /** Every window clerk account not disabled, by username, with grade and window. */
    async listClerks(): Promise<ClerkRow[]> {
      return clerks().where('a.disabled', '=', 0).orderBy('a.username').execute();
    },

    /** One clerk account (disabled ones too), or undefined if the account is no clerk. */
    async findClerk(accountId: string): Promise<ClerkRow | undefined> {
      return clerks().where('a.id', '=', accountId).executeTakeFirst();
    },

    /** A clerk account by username. */
    async findClerkByUsername(username: string): Promise<ClerkRow | undefined> {
      return clerks().where('a.username', '=', username).executeTakeFirst();
    },

    /** The recorded grade of a clerk. */
    async profile(accountId: string): Promise<ClerkProfileRow | undefined> {
      return db
        .selectFrom('clerk_profiles')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst();
    },

    /** Records a clerk's grade and window and the change, in one transaction. */
    async saveProfile(profile: ClerkProfileRow, change: GradeChangeRow): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('clerk_profiles')
          .values(profile)
          .onConflict((oc) =>
            oc.column('account_id').doUpdateSet({
              grade: profile.grade,
              window_no: profile.window_no,
              updated_at: profile.updated_at,
              updated_by: profile.updated_by,
            }),
          )
          .execute();
        await trx.insertInto('clerk_grade_changes').values(change).execute();
      });
    },

    /** The grade changes of a clerk, newest first. */
    async changesOf(accountId: string): Promise<GradeChangeRow[]> {
      return db
        .selectFrom('clerk_grade_changes')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('changed_at', 'desc')
        .execute();
    },

    /**
     * The facts a points rule may count in `[from, to)`, of applications taken in through
     * `channels` (the clerk is the one who submitted them): acceptances with their matters,
     * ratings of the whole application, departments' supplement requests and refusals of a
     * step, 容缺 commitments that fell overdue.
     */
    async factsBetween(
      from: string,
      to: string,
      channels: readonly ('window' | 'overseas')[],
    ): Promise<PointsFact[]> {
      const actions = await db
        .selectFrom('case_actions as x')
        .innerJoin('applications as app', 'app.id', 'x.application_id')
        .select([
          'x.type',
          'x.at',
          'app.id as application_id',
          'app.receipt_no',
          'app.submitted_by',
        ])
        .where('x.type', 'in', [
          'accepted',
          'supplement-requested',
          'task-rejected',
          'commitment-overdue',
        ])
        .where('x.at', '>=', from)
        .where('x.at', '<', to)
        .where('app.channel', 'in', [...channels])
        .orderBy('x.at')
        .execute();
      const accepted = [
        ...new Set(actions.filter((a) => a.type === 'accepted').map((a) => a.application_id)),
      ];
      const matters = new Map<string, string[]>();
      for (let i = 0; i < accepted.length; i += CHUNK) {
        const rows = await db
          .selectFrom('tasks')
          .select(['application_id', 'matter_code'])
          .where('application_id', 'in', accepted.slice(i, i + CHUNK))
          .execute();
        for (const r of rows)
          matters.set(r.application_id, [...(matters.get(r.application_id) ?? []), r.matter_code]);
      }
      const ratings = await db
        .selectFrom('evaluations as e')
        .innerJoin('applications as app', 'app.id', 'e.application_id')
        .select([
          'e.score',
          'e.at',
          'app.id as application_id',
          'app.receipt_no',
          'app.submitted_by',
        ])
        .where('e.task_id', 'is', null)
        .where('e.department_code', 'is', null)
        .where('e.at', '>=', from)
        .where('e.at', '<', to)
        .where('app.channel', 'in', [...channels])
        .execute();
      const base = (r: {
        application_id: string;
        receipt_no: string;
        submitted_by: string;
        at: string;
      }) => ({
        applicationId: r.application_id,
        receiptNo: r.receipt_no,
        clerk: r.submitted_by,
        at: r.at,
      });
      return [
        ...actions.map((a): PointsFact => {
          switch (a.type) {
            case 'accepted':
              return {
                kind: 'acceptance',
                ...base(a),
                matters: matters.get(a.application_id) ?? [],
              };
            case 'task-rejected':
              return { kind: 'step-rejected', ...base(a) };
            case 'supplement-requested':
              return { kind: 'supplement-requested', ...base(a) };
            default:
              return { kind: 'commitment-overdue', ...base(a) };
          }
        }),
        ...ratings.map((r): PointsFact => ({ kind: 'good-rating', ...base(r), score: r.score })),
      ];
    },

    /** When a month was last computed and with which rules. */
    async monthState(month: string) {
      return db
        .selectFrom('clerk_points_months')
        .selectAll()
        .where('month', '=', month)
        .executeTakeFirst();
    },

    /**
     * Replaces a month's ledger in one transaction: lines are unique on (rule, application,
     * clerk, month) and upserted, so a recomputation racing another never doubles one.
     */
    async storeMonth(month: string, lines: LedgerLine[], computedAt: string, rulesVersion: string) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('clerk_points').where('month', '=', month).execute();
        for (let i = 0; i < lines.length; i += CHUNK) {
          const values = lines.slice(i, i + CHUNK).map((l) => ({
            month,
            rule_id: l.ruleId,
            application_id: l.applicationId,
            account_id: l.accountId,
            receipt_no: l.receiptNo,
            points: l.points,
            at: l.at,
            computed_at: computedAt,
          }));
          await trx
            .insertInto('clerk_points')
            .values(values)
            .onConflict((oc) =>
              oc
                .columns(['rule_id', 'application_id', 'account_id', 'month'])
                .doUpdateSet((eb) => ({
                  points: eb.ref('excluded.points'),
                  at: eb.ref('excluded.at'),
                  receipt_no: eb.ref('excluded.receipt_no'),
                  computed_at: eb.ref('excluded.computed_at'),
                })),
            )
            .execute();
        }
        await trx
          .insertInto('clerk_points_months')
          .values({ month, computed_at: computedAt, rules_version: rulesVersion })
          .onConflict((oc) =>
            oc
              .column('month')
              .doUpdateSet({ computed_at: computedAt, rules_version: rulesVersion }),
          )
          .execute();
      });
    },

    /** The stored ledger lines of a month, in time order. */
    async monthLines(month: string): Promise<LedgerLine[]> {
      const rows = await db
        .selectFrom('clerk_points')
        .selectAll()
        .where('month', '=', month)
        .orderBy('at')
        .orderBy('rule_id')
        .execute();
      return rows.map((r) => ({
        ruleId: r.rule_id,
        applicationId: r.application_id,
        receiptNo: r.receipt_no,
        accountId: r.account_id,
        points: r.points,
        at: r.at,
      }));
    },

    /** Every stored line of a month (for the test of uniqueness and for exports): count. */
    async countMonthLines(month: string): Promise<number> {
      const row = await db
        .selectFrom('clerk_points')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('month', '=', month)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type WindowStaffRepo = ReturnType<typeof createWindowStaffRepo>;
