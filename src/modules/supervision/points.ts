import type { Grade, PayTier, WindowStaffRules } from './window-staff.rules.js';

/** A month in China time, `YYYY-MM`. */
export type Month = string;

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The China-time month (YYYY-MM) of an instant. */
export function chinaMonth(at: Date): Month {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

/** The instants a China-time month spans, as UTC ISO strings: `[from, to)`. */
export function monthRange(month: Month): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS);
  const to = new Date(Date.UTC(y, m, 1) - CHINA_OFFSET_MS);
  return { from: from.toISOString(), to: to.toISOString() };
}

/**
 * One fact of the action history that a points rule may count, for the clerk who took the
 * application in at a window: its acceptance (with its matters), a rating of the whole
 * application, a department's supplement request or refusal of a step, a 容缺 commitment overdue.
 */
export type PointsFact =
  | {
      kind: 'acceptance';
      applicationId: string;
      receiptNo: string;
      clerk: string;
      at: string;
      matters: string[];
    }
  | {
      kind: 'good-rating';
      applicationId: string;
      receiptNo: string;
      clerk: string;
      at: string;
      score: number;
    }
  | {
      kind: 'supplement-requested' | 'step-rejected' | 'commitment-overdue';
      applicationId: string;
      receiptNo: string;
      clerk: string;
      at: string;
    };

/** One line of a clerk's monthly points ledger: a rule hit on one application. */
export interface LedgerLine {
  ruleId: string;
  applicationId: string;
  receiptNo: string;
  accountId: string;
  points: number;
  /** When the fact happened (the earliest, if the rule hit the application twice that month). */
  at: string;
}

/**
 * The ledger lines the rules give for the facts of one month: one per (rule, application,
 * clerk), the earliest fact counting, in time order. Facts outside the month are ignored.
 */
export function ledgerLines(
  rules: WindowStaffRules,
  month: Month,
  facts: PointsFact[],
): LedgerLine[] {
  const { from, to } = monthRange(month);
  const byKey = new Map<string, LedgerLine>();
  for (const fact of facts) {
    if (fact.at < from || fact.at >= to) continue;
    for (const rule of rules.rules) {
      if (rule.kind !== fact.kind) continue;
      let points: number;
      if (rule.kind === 'acceptance' && fact.kind === 'acceptance') {
        points = [...new Set(fact.matters)].reduce(
          (sum, m) => sum + (rule.pointsByDifficulty[String(rules.difficultyOf(m))] ?? 0),
          0,
        );
      } else if (rule.kind === 'good-rating' && fact.kind === 'good-rating') {
        if (fact.score < rule.minScore) continue;
        points = rule.points;
      } else if (rule.kind !== 'acceptance' && rule.kind !== 'good-rating') {
        points = rule.points;
      } else continue;
      const key = `${rule.id}\u0000${fact.applicationId}\u0000${fact.clerk}`;
      const kept = byKey.get(key);
      if (kept && kept.at <= fact.at) continue;
      byKey.set(key, {
        ruleId: rule.id,
        applicationId: fact.applicationId,
        receiptNo: fact.receiptNo,
        accountId: fact.clerk,
        points,
        at: fact.at,
      });
    }
  }
  return [...byKey.values()].sort((a, b) =>
    a.at === b.at ? a.ruleId.localeCompare(b.ruleId) : a.at < b.at ? -1 : 1,
  );
}

/** The grade a clerk is treated as: the recorded one if the rules still know it, else the default. */
export function gradeOf(rules: WindowStaffRules, recorded: string | null | undefined): Grade {
  return (
    rules.grades.find((g) => g.id === recorded) ??
    (rules.grades.find((g) => g.id === rules.defaultGrade) as Grade)
  );
}

/** The matters of `matters` a grade may not accept (difficulty above its maximum, not listed). */
export function mattersNotAllowed(
  rules: WindowStaffRules,
  grade: Grade,
  matters: string[],
): string[] {
  return [...new Set(matters)].filter(
    (m) => rules.difficultyOf(m) > grade.maxDifficulty && !grade.matters.includes(m),
  );
}

/** The pay tier of a month's total for a grade, and the pay factor (basePay × the tier's). */
export function tierOf(
  rules: WindowStaffRules,
  gradeId: string,
  total: number,
): { tier: PayTier; payFactor: number } {
  const pay = rules.payOf[gradeId];
  const last = rules.tiers[rules.tiers.length - 1] as PayTier;
  if (!pay) return { tier: last, payFactor: last.payFactor };
  const hit = pay.thresholds.find((t) => t.minPoints === undefined || total >= t.minPoints);
  const tier = rules.tiers.find((t) => t.id === hit?.tier) ?? last;
  return { tier, payFactor: Math.round(pay.basePay * tier.payFactor * 1000) / 1000 };
}

/** One clerk's month: total, rank among all clerks (ties share a rank: 1, 1, 3) and tier. */
export interface ClerkMonth {
  accountId: string;
  grade: Grade;
  total: number;
  rank: number;
  tier: PayTier;
  payFactor: number;
  lines: LedgerLine[];
}

/**
 * Ranks the clerks of a month by their totals, highest first; every clerk listed, with or
 * without lines. `order` breaks ties for display (e.g. by name).
 */
export function rankClerks(
  rules: WindowStaffRules,
  clerks: { accountId: string; grade: string | null }[],
  lines: LedgerLine[],
  order: (a: string, b: string) => number = (a, b) => a.localeCompare(b),
): ClerkMonth[] {
  const ids = new Set([...clerks.map((c) => c.accountId), ...lines.map((l) => l.accountId)]);
  const months = [...ids].map((accountId) => {
    const own = lines.filter((l) => l.accountId === accountId);
    const total = own.reduce((s, l) => s + l.points, 0);
    const grade = gradeOf(rules, clerks.find((c) => c.accountId === accountId)?.grade);
    return { accountId, grade, total, lines: own, ...tierOf(rules, grade.id, total), rank: 0 };
  });
  months.sort((a, b) => b.total - a.total || order(a.accountId, b.accountId));
  months.forEach((m, i) => {
    const previous = months[i - 1];
    m.rank = previous && previous.total === m.total ? previous.rank : i + 1;
  });
  return months;
}
