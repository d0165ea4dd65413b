/*
 * From units to rollup rows: each unit counts in a daily and a monthly row of every dimension
 * it has a key for, plus the `all` dimension (its totals). A contribution is stored as its
 * units (sparse counters); the rows are derived, so an old contribution is subtracted exactly.
 */
import { ALL_COLUMNS, addInto, emptyCounters, isZero, type Counters } from './metrics.counters.js';
import type { Contribution, Unit, UnitKeys } from './metrics.fold.js';

/** The dimensions a rollup row can be of (`all` holds the totals of its department scope). */
export const ROLLUP_DIMS = [
  'all',
  'matter',
  'bundle',
  'step',
  'window',
  'clerk',
  'channel',
  'town',
] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];

/** The key columns of a rollup row. */
export interface RollupKey {
  /** `d`: a day; `m`: a month (day = its first day). */
  period: 'd' | 'm';
  day: string;
  dim: RollupDim;
  /** '' for the application as a whole, else the department of the step. */
  dept: string;
  key: string;
  channel: string;
  /** '' for every subject together, else the matter or bundle code applied for. */
  subject: string;
}

export const KEY_COLUMNS = ['period', 'day', 'dim', 'dept', 'key', 'channel', 'subject'] as const;
const SEP = '\u001f';

export function encodeKey(k: RollupKey): string {
  return [k.period, k.day, k.dim, k.dept, k.key, k.channel, k.subject].join(SEP);
}

export function decodeKey(s: string): RollupKey {
  const [period, day, dim, dept, key, channel, subject] = s.split(SEP);
  return {
    period: period as 'd' | 'm',
    day: day!,
    dim: dim as RollupDim,
    dept: dept!,
    key: key!,
    channel: channel!,
    subject: subject!,
  };
}

/** Adds the rollup rows of `units` (times `sign`) into `into`. */
export function addRows(into: Map<string, Counters>, units: Unit[], sign = 1): void {
  for (const u of units) {
    const dims: [RollupDim, string][] = [['all', '*']];
    for (const dim of ['matter', 'bundle', 'step', 'window', 'clerk', 'channel', 'town'] as const) {
      const key = u.keys[dim];
      if (key !== undefined) dims.push([dim, key]);
    }
    for (const period of ['d', 'm'] as const) {
      const day = period === 'd' ? u.day : `${u.day.slice(0, 7)}-01`;
      for (const [dim, key] of dims) {
        // Once for every subject together (subject ''), once for its own subject (the matter
        // filter): unfiltered queries read few rows.
        for (const subject of ['', u.subject]) {
          const k = encodeKey({ period, day, dim, dept: u.dept, key, channel: u.channel, subject });
          let c = into.get(k);
          if (!c) into.set(k, (c = emptyCounters()));
          addInto(c, u.c, sign);
        }
      }
    }
  }
}

/** The change of the rollups when an application's contribution goes from `before` to `after`. */
export function deltaRows(
  into: Map<string, Counters>,
  before: Unit[] | null,
  after: Unit[] | null,
): void {
  if (before) addRows(into, before, -1);
  if (after) addRows(into, after, 1);
}

/** Drops rows whose change is zero. */
export function nonZero(rows: Map<string, Counters>): [string, Counters][] {
  return [...rows.entries()]
    .filter(([, c]) => !isZero(c))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A stored unit: counters as [index, value] pairs of the non-zero ones. */
interface StoredUnit {
  d: string;
  p: string;
  s: string;
  ch: string;
  k: UnitKeys;
  c: [number, number][];
}

export function encodeUnits(units: Unit[]): string {
  const stored: StoredUnit[] = units.map((u) => ({
    d: u.day,
    p: u.dept,
    s: u.subject,
    ch: u.channel,
    k: u.keys,
    c: u.c.flatMap((v, i) => (v === 0 ? [] : [[i, v] as [number, number]])),
  }));
  return JSON.stringify(stored);
}

export function decodeUnits(text: string): Unit[] {
  const stored = JSON.parse(text) as StoredUnit[];
  return stored.map((s) => {
    const c = emptyCounters();
    for (const [i, v] of s.c) if (i < ALL_COLUMNS.length) c[i] = v;
    return { day: s.d, dept: s.p, subject: s.s, channel: s.ch, keys: s.k, c };
  });
}

export type { Contribution };
