/*
 * The counters of one rollup row (all integers, so a contribution can be subtracted exactly)
 * and how a sum of them becomes a MetricRow of the contract. Durations are kept in seconds of
 * office time; a working day is the default office hours' length (7 h: 09:00–12:00, 13:30–17:30).
 */
import { DEFAULT_OFFICE_HOURS } from '../../platform/calendar/index.js';
import type { MetricRow } from '../../../shared/contracts/supervision.js';

function minutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Seconds of office time in one working day (7 h with the default office hours). */
export const WORKING_DAY_SECONDS = DEFAULT_OFFICE_HOURS.reduce(
  (s, p) => s + (minutes(p.end) - minutes(p.start)) * 60,
  0,
);
/** Seconds of one working hour. */
export const WORKING_HOUR_SECONDS = 3600;

/**
 * Upper edges of the duration histogram in working hours: hourly through the first working
 * day, then daily to 10 working days, then every 5 working days to 60; one more bucket holds
 * anything longer.
 */
export const HISTOGRAM_EDGES_HOURS: readonly number[] = (() => {
  const day = WORKING_DAY_SECONDS / 3600;
  const edges: number[] = [];
  for (let h = 1; h <= day; h++) edges.push(h);
  for (let d = 2; d <= 10; d++) edges.push(d * day);
  for (let d = 15; d <= 60; d += 5) edges.push(d * day);
  return edges;
})();
/** Number of histogram buckets (the last one is open-ended). */
export const HISTOGRAM_BUCKETS = HISTOGRAM_EDGES_HOURS.length + 1;

/** The bucket of a duration in seconds of office time. */
export function bucketOf(seconds: number): number {
  const hours = seconds / WORKING_HOUR_SECONDS;
  const i = HISTOGRAM_EDGES_HOURS.findIndex((e) => hours <= e);
  return i === -1 ? HISTOGRAM_EDGES_HOURS.length : i;
}

/** The plain counters of a rollup row, in column order (histogram columns follow). */
export const COUNTERS = [
  'received',
  'accepted',
  'deficient',
  'refused',
  'completed',
  'rejected',
  /** Settled (completed or rejected; for a step: approved or rejected). */
  'settled',
  /** Settled with a measured duration, and the sum of those durations (s of office time). */
  'dur_n',
  'dur_s',
  /** Settled with a legal limit: count, sum of limits (working days), sum of their durations (s). */
  'legal_n',
  'legal_days',
  'legal_dur_s',
  /** Settled with a promised limit: count and sum of limits (s of office time). */
  'promised_n',
  'promised_s',
  'on_time',
  'overdue',
  'supplements',
  'zero_trip',
  'one_trip',
  'mat_asked',
  'mat_not_asked',
  'datahub',
  'r1',
  'r2',
  'r3',
  'r4',
  'r5',
  'fu_opened',
  'fu_closed',
  'fu_on_time',
  /** Steps still open (bundle view). */
  'open_steps',
  /** Settled bundles where this step finished last. */
  'holds_up',
] as const;
export type CounterName = (typeof COUNTERS)[number];

/** Histogram column names h00 … */
export const HISTOGRAM_COLUMNS = Array.from(
  { length: HISTOGRAM_BUCKETS },
  (_, i) => `h${String(i).padStart(2, '0')}`,
);

/** Every counter column of a rollup row, in order. */
export const ALL_COLUMNS: readonly string[] = [...COUNTERS, ...HISTOGRAM_COLUMNS];
const INDEX = new Map(ALL_COLUMNS.map((c, i) => [c, i]));
/** The columns holding sums that may exceed 32 bits (bigint). */
export const BIG_COLUMNS = new Set(['dur_s', 'legal_dur_s', 'promised_s']);

/** A vector of counters, indexed as ALL_COLUMNS. */
export type Counters = number[];

export function emptyCounters(): Counters {
  return new Array<number>(ALL_COLUMNS.length).fill(0);
}

/** Adds `n` to a named counter. */
export function bump(c: Counters, name: CounterName, n = 1): void {
  c[INDEX.get(name)!]! += n;
}

/** Reads a named counter. */
export function get(c: Counters, name: string): number {
  return c[INDEX.get(name)!] ?? 0;
}

/** Adds a duration to the histogram. */
export function bumpHistogram(c: Counters, seconds: number): void {
  c[COUNTERS.length + bucketOf(seconds)]! += 1;
}

/** a += sign·b */
export function addInto(a: Counters, b: Counters, sign = 1): void {
  for (let i = 0; i < a.length; i++) a[i]! += sign * (b[i] ?? 0);
}

export function isZero(c: Counters): boolean {
  return c.every((v) => v === 0);
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const round = (v: number | null, digits = 4) =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * The 90th percentile from the histogram (nearest rank): the upper edge of the bucket that
 * holds the ⌈0.9·n⌉-th duration, in working days (the open last bucket reports its lower edge).
 */
export function p90Days(c: Counters): number | null {
  const hist = c.slice(COUNTERS.length);
  const n = hist.reduce((s, v) => s + v, 0);
  if (n === 0) return null;
  const rank = Math.ceil(0.9 * n);
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!;
    if (seen >= rank) {
      const edge = HISTOGRAM_EDGES_HOURS[Math.min(i, HISTOGRAM_EDGES_HOURS.length - 1)]!;
      return round((edge * 3600) / WORKING_DAY_SECONDS);
    }
  }
  return null;
}

/** A row of the contract from summed counters. */
export function toMetricRow(key: string, label: string, c: Counters): MetricRow {
  const g = (n: CounterName) => get(c, n);
  const days = (s: number) => s / WORKING_DAY_SECONDS;
  const settled = g('settled');
  const ratings = [g('r1'), g('r2'), g('r3'), g('r4'), g('r5')];
  const rated = ratings.reduce((s, v) => s + v, 0);
  return {
    key,
    label,
    received: g('received'),
    accepted: g('accepted'),
    deficient: g('deficient'),
    refused: g('refused'),
    completed: g('completed'),
    rejected: g('rejected'),
    avgDays: round(g('dur_n') > 0 ? days(g('dur_s')) / g('dur_n') : null),
    p90Days: p90Days(c),
    legalDays: round(ratio(g('legal_days'), g('legal_n'))),
    promisedDays: round(g('promised_n') > 0 ? days(g('promised_s')) / g('promised_n') : null),
    speedUpRate: round(g('legal_days') > 0 ? 1 - days(g('legal_dur_s')) / g('legal_days') : null),
    onTimeRate: round(ratio(g('on_time'), settled)),
    overdue: g('overdue'),
    supplementsPerApplication: round(ratio(g('supplements'), g('accepted'))),
    zeroTripRate: round(ratio(g('zero_trip'), settled)),
    oneTripRate: round(ratio(g('one_trip'), settled)),
    materialsAsked: g('mat_asked'),
    materialsNotAsked: g('mat_not_asked'),
    datahubCalls: g('datahub'),
    ratings,
    badRatingRate: round(ratio(ratings[0]! + ratings[1]!, rated)),
    followUps: g('fu_opened'),
    followUpsClosed: g('fu_closed'),
    followUpsClosedOnTime: g('fu_on_time'),
  };
}
