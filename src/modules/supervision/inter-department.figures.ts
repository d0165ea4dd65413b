import type { InterDepartmentFigures } from '../../../shared/contracts/index.js';

/** One request as the figures count it, already placed against the period. */
export interface CountedRequest {
  /** Opened (received) in the period. */
  received: boolean;
  /** Decided (办结) in the period. */
  completed: boolean;
  /** Decided by its due time (meaningful when completed). */
  onTime: boolean;
  /** Still open at the period's end (or now). */
  open: boolean;
  /** Open and past its due time then. */
  openOverdue: boolean;
  /** Working days from opening to decision, when completed. */
  days: number | null;
  /** The matter's legal limit in working days, if a law sets one. */
  legalDays: number | null;
  /** The matter's promised limit in working days. */
  promisedDays: number | null;
}

const round = (x: number, places: number) => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};

function mean(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * The figures of a group of requests. 提速率 (speed-up rate) = 1 − average time / average
 * legal limit, both over the completed requests whose matter has a legal limit (a matter
 * without one cannot be faster than it); null when there is none. Days to 2 places, rates to 4.
 */
export function figuresOf(requests: readonly CountedRequest[]): InterDepartmentFigures {
  const completed = requests.filter((r) => r.completed);
  const onTime = completed.filter((r) => r.onTime).length;
  const open = requests.filter((r) => r.open);
  const openOverdue = open.filter((r) => r.openOverdue).length;
  const timed = completed.flatMap((r) => (r.days === null ? [] : [r.days]));
  const withLegal = completed.filter((r) => r.days !== null && r.legalDays !== null);
  const legalTime = mean(withLegal.map((r) => r.days as number));
  const legal = mean(withLegal.map((r) => r.legalDays as number));
  const promised = mean(
    completed.flatMap((r) => (r.promisedDays === null ? [] : [r.promisedDays])),
  );
  const avg = mean(timed);
  return {
    received: requests.filter((r) => r.received).length,
    completed: completed.length,
    completedOnTime: onTime,
    completedLate: completed.length - onTime,
    open: open.length,
    openOverdue,
    overdue: completed.length - onTime + openOverdue,
    onTimeRate: completed.length === 0 ? null : round(onTime / completed.length, 4),
    avgDays: avg === null ? null : round(avg, 2),
    avgLegalDays: legal === null ? null : round(legal, 2),
    avgPromisedDays: promised === null ? null : round(promised, 2),
    speedUpRate:
      legalTime === null || legal === null || legal === 0 ? null : round(1 - legalTime / legal, 4),
  };
}

/** Groups `items` by `key`, keeping the order of first appearance. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
