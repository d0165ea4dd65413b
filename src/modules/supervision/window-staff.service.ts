import type { Clock } from '../../platform/clock/index.js';
import { toRfc3339 } from '../../platform/clock/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Logger } from '../../platform/logging/index.js';
import type {
  ClerkPoints,
  ClerkProfile,
  PointsMonth,
  UpdateClerk,
} from '../../../shared/contracts/index.js';
import {
  chinaMonth,
  gradeOf,
  ledgerLines,
  mattersNotAllowed,
  monthRange,
  rankClerks,
  type LedgerLine,
  type Month,
} from './points.js';
import { WindowStaffErrors } from './window-staff.errors.js';
import type { ClerkRow, WindowStaffRepo } from './window-staff.repo.js';
import type { WindowStaffRules } from './window-staff.rules.js';

/** Who sees every clerk's points and changes grades. */
const OVERSEERS = ['supervisor', 'admin'] as const;

const SETTLE_MS = 3600_000;

const isOverseer = (p: Principal) => OVERSEERS.some((r) => p.roles.includes(r));

/**
 * Window staff (Taizhou 四制四化): grades enforced at intake, grade changes recorded, and the
 * monthly points ledger computed from the action history with ranking and pay tiers.
 */
export function createWindowStaffService(deps: {
  repo: WindowStaffRepo;
  rules: WindowStaffRules;
  clock: Clock;
  ids: IdGenerator;
  logger: Pick<Logger, 'warn'>;
  matterName(code: string): { zh: string; en: string } | undefined;
  displayNames(accountIds: string[]): Promise<Map<string, string>>;
}) {
  const { repo, rules, clock, ids } = deps;
  const ruleById = new Map(rules.rules.map((r) => [r.id, r]));

  function profileView(row: ClerkRow, names: Map<string, string>): ClerkProfile {
    const grade = gradeOf(rules, row.grade);
    return {
      accountId: row.account_id,
      name: row.display_name,
      grade: { id: grade.id, name: grade.name },
      gradeRecorded: row.grade !== null && grade.id === row.grade,
      windowNo: row.window_no,
      updatedAt: row.updated_at ? toRfc3339(new Date(row.updated_at)) : null,
      updatedBy: row.updated_by ? (names.get(row.updated_by) ?? null) : null,
    };
  }

  /** A month's lines: stored ones while still valid, else computed afresh and stored. */
  async function monthLedger(month: Month): Promise<{ lines: LedgerLine[]; computedAt: string }> {
    const now = clock.now();
    const state = await repo.monthState(month);
    // A month is settled once computed with the current rules an hour after it ended (a
    // transaction that began in the month may commit a little later).
    const settledAfter = new Date(Date.parse(monthRange(month).to) + SETTLE_MS).toISOString();
    if (state && state.rules_version === rules.version && state.computed_at >= settledAfter)
      return { lines: await repo.monthLines(month), computedAt: state.computed_at };
    return recompute(month, now);
  }

  async function recompute(month: Month, now = clock.now()) {
    const { from, to } = monthRange(month);
    const lines = ledgerLines(rules, month, await repo.factsBetween(from, to, rules.channels));
    const computedAt = now.toISOString();
    await repo.storeMonth(month, lines, computedAt, rules.version);
    return { lines, computedAt };
  }

  function present(
    m: ReturnType<typeof rankClerks>[number],
    row: ClerkRow | undefined,
    name: string,
  ): ClerkPoints {
    return {
      accountId: m.accountId,
      name,
      grade: { id: m.grade.id, name: m.grade.name },
      windowNo: row?.window_no ?? null,
      total: m.total,
      rank: m.rank,
      tier: { id: m.tier.id, name: m.tier.name },
      payFactor: m.payFactor,
      lines: m.lines.map((l) => ({
        rule: {
          id: l.ruleId,
          name: ruleById.get(l.ruleId)?.name ?? { zh: l.ruleId, en: l.ruleId },
        },
        receiptNo: l.receiptNo,
        applicationId: l.applicationId,
        points: l.points,
        at: toRfc3339(new Date(l.at)),
      })),
    };
  }

  return {
    rules,

    /**
     * Intake asks this before a clerk's window application is kept: every matter (every step
     * of a bundle) must be within the clerk's grade; a clerk without a recorded grade has the
     * default one. Throws WINDOW_GRADE_NOT_ALLOWED (403) naming the grade and the matters.
     */
    async assertMayAccept(clerkAccountId: string, matters: string[]): Promise<void> {
      const profile = await repo.profile(clerkAccountId);
      if (profile && !rules.grades.some((g) => g.id === profile.grade))
        deps.logger.warn(
          { grade: profile.grade },
          'a clerk’s recorded grade is not in the rules; the default grade applies',
        );
      const grade = gradeOf(rules, profile?.grade);
      const refused = mattersNotAllowed(rules, grade, matters);
      if (refused.length === 0) return;
      throw WindowStaffErrors.gradeNotAllowed(
        grade,
        refused.map((code) => ({
          code,
          name: deps.matterName(code) ?? { zh: code, en: code },
          difficulty: rules.difficultyOf(code),
        })),
      );
    },

    /**
     * Sets a clerk's grade and window (admin or supervisor), recording who changed what when.
     * Throws WINDOW_STAFF_FORBIDDEN (403), WINDOW_CLERK_NOT_FOUND (404), WINDOW_GRADE_UNKNOWN (422).
     */
    async setProfile(p: Principal, accountId: string, input: UpdateClerk): Promise<ClerkProfile> {
      if (!isOverseer(p)) throw WindowStaffErrors.changeForbidden();
      if (!rules.grades.some((g) => g.id === input.grade))
        throw WindowStaffErrors.gradeUnknown(
          input.grade,
          rules.grades.map((g) => g.id),
        );
      const clerk = await repo.findClerk(accountId);
      if (!clerk) throw WindowStaffErrors.clerkNotFound();
      const now = clock.now().toISOString();
      const windowNo = input.windowNo === undefined ? clerk.window_no : input.windowNo;
      await repo.saveProfile(
        {
          account_id: accountId,
          grade: input.grade,
          window_no: windowNo,
          updated_at: now,
          updated_by: p.accountId,
        },
        {
          id: ids.id(),
          account_id: accountId,
          grade_before: clerk.grade,
          grade: input.grade,
          window_no_before: clerk.window_no,
          window_no: windowNo,
          changed_by: p.accountId,
          changed_at: now,
        },
      );
      const saved = (await repo.findClerk(accountId)) as ClerkRow;
      return profileView(saved, await deps.displayNames([p.accountId]));
    },

    /** Every clerk's grade and window (admin or supervisor). Throws WINDOW_STAFF_FORBIDDEN. */
    async listProfiles(p: Principal): Promise<ClerkProfile[]> {
      if (!isOverseer(p)) throw WindowStaffErrors.forbidden();
      const rows = await repo.listClerks();
      const names = await deps.displayNames([...new Set(rows.flatMap((r) => r.updated_by ?? []))]);
      return rows.map((r) => profileView(r, names));
    },

    /**
     * The month's points of every clerk (supervisor, admin) or of the caller alone (a clerk),
     * ranked among all clerks, with ledger lines and pay tier. Throws WINDOW_STAFF_FORBIDDEN.
     */
    async points(p: Principal, month?: Month): Promise<PointsMonth> {
      const own = !isOverseer(p);
      if (own && !p.roles.includes('clerk')) throw WindowStaffErrors.forbidden();
      const m = month ?? chinaMonth(clock.now());
      const { lines, computedAt } = await monthLedger(m);
      const clerks = await repo.listClerks();
      const byId = new Map(clerks.map((c) => [c.account_id, c]));
      const extra = [...new Set(lines.map((l) => l.accountId))].filter((id) => !byId.has(id));
      const names = new Map([
        ...clerks.map((c) => [c.account_id, c.display_name] as const),
        ...(await deps.displayNames(extra)),
      ]);
      const ranked = rankClerks(
        rules,
        clerks.map((c) => ({ accountId: c.account_id, grade: c.grade })),
        lines,
        (a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'zh'),
      );
      return {
        month: m,
        computedAt: toRfc3339(new Date(computedAt)),
        clerks: ranked
          .filter((r) => !own || r.accountId === p.accountId)
          .map((r) => present(r, byId.get(r.accountId), names.get(r.accountId) ?? r.accountId)),
      };
    },

    /** Recomputes a month from the action history and stores it (the job; tests). */
    async recompute(month: Month): Promise<LedgerLine[]> {
      return (await recompute(month)).lines;
    },

    /** The demo grades: clerk1 首席 at A01, clerk2 高级 at A02, unless already set (idempotent). */
    async seedDemo(): Promise<void> {
      for (const [username, grade, windowNo] of [
        ['clerk1', 'chief', 'A01'],
        ['clerk2', 'senior', 'A02'],
      ] as const) {
        const clerk = await repo.findClerkByUsername(username);
        if (!clerk || clerk.grade !== null || !rules.grades.some((g) => g.id === grade)) continue;
        const now = clock.now().toISOString();
        await repo.saveProfile(
          {
            account_id: clerk.account_id,
            grade,
            window_no: windowNo,
            updated_at: now,
            updated_by: null,
          },
          {
            id: ids.id(),
            account_id: clerk.account_id,
            grade_before: null,
            grade,
            window_no_before: null,
            window_no: windowNo,
            changed_by: 'system',
            changed_at: now,
          },
        );
      }
    },
  };
}

export type WindowStaffService = ReturnType<typeof createWindowStaffService>;
