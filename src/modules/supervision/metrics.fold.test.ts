import { describe, expect, it } from 'vitest';
import { ROLLUP_COUNTER_COLUMNS } from '../../../migrations/20261207_020_supervision_metrics.js';
import {
  ALL_COLUMNS,
  bucketOf,
  get,
  p90Days,
  toMetricRow,
  emptyCounters,
  bump,
  bumpHistogram,
  type Counters,
} from './metrics.counters.js';
import { chinaDay, foldApplication, type FoldInput } from './metrics.fold.js';
import {
  addRows,
  decodeUnits,
  deltaRows,
  encodeUnits,
  nonZero,
  decodeKey,
} from './metrics.rows.js';
import { segments } from './metrics.service.js';

// A calendar where every millisecond is office time: durations are plain differences.
const calendar = { workingMillisBetween: (a: Date, b: Date) => b.getTime() - a.getTime() };
const H = 3_600_000;
const t = (h: number) => new Date(Date.parse('2026-12-01T02:00:00Z') + h * H).toISOString();

/** A two-step bundle: a (dept x) then b (dept y), accepted at t(0), a 1 h, b paused 1 h. */
function bundle(over: Partial<FoldInput> = {}): FoldInput {
  return {
    application: {
      id: 'app1',
      subject_kind: 'bundle',
      subject_code: 'bun',
      channel: 'window',
      status: 'completed',
      submitted_by: 'clerk-1',
      accepted_at: t(0),
      due_at: t(10),
      completed_at: t(4),
      alert: 'normal',
      paused_since: null,
      created_at: t(0),
    },
    definition: {
      promisedLimit: { workingDays: 1 },
      steps: [
        {
          id: 'a',
          matter: 'ma',
          name: { zh: 'a', en: 'a' },
          department: 'x',
          after: [],
          promisedLimit: { workingHours: 2 },
          outputs: [],
          inputs: [],
        },
        {
          id: 'b',
          matter: 'mb',
          name: { zh: 'b', en: 'b' },
          department: 'y',
          after: ['a'],
          promisedLimit: { workingHours: 1 },
          outputs: [],
          inputs: [],
        },
      ],
      materials: [
        {
          id: 'm1',
          name: { zh: '', en: '' },
          essential: true,
          allowMissing: false,
          satisfiedBy: ['upload'],
          mediaTypes: [],
          maxBytes: null,
          steps: ['a'],
        },
        {
          id: 'm2',
          name: { zh: '', en: '' },
          essential: true,
          allowMissing: false,
          satisfiedBy: ['datahub'],
          mediaTypes: [],
          maxBytes: null,
          steps: ['b'],
        },
      ],
    },
    materials: [
      { material: 'm1', state: 'uploaded' },
      { material: 'm2', state: 'datahub' },
    ],
    actions: [
      {
        seq: 1,
        at: t(0),
        type: 'submitted',
        task_id: null,
        actor: 'clerk-1',
        actor_role: 'clerk',
        channel: 'window',
      },
      {
        seq: 2,
        at: t(0),
        type: 'accepted',
        task_id: null,
        actor: 'clerk-1',
        actor_role: 'clerk',
        channel: 'window',
      },
      {
        seq: 3,
        at: t(2),
        type: 'supplement-requested',
        task_id: 'tb',
        actor: 'r',
        actor_role: 'reviewer',
        channel: 'window',
      },
      {
        seq: 4,
        at: t(3),
        type: 'supplement-answered',
        task_id: 'tb',
        actor: 'u',
        actor_role: 'person',
        channel: 'window',
        pausedWorkingMillis: H,
      },
      // The result is handed over at a window a day later: a second visit.
      {
        seq: 5,
        at: t(30),
        type: 'handed-over',
        task_id: null,
        actor: 'clerk-2',
        actor_role: 'clerk',
        channel: 'window',
      },
    ],
    tasks: [
      {
        id: 'ta',
        step_id: 'a',
        matter_code: 'ma',
        department_code: 'x',
        status: 'approved',
        opened_at: t(0),
        due_at: t(2),
        decided_at: t(1),
        alert: 'normal',
        paused_since: null,
      },
      {
        id: 'tb',
        step_id: 'b',
        matter_code: 'mb',
        department_code: 'y',
        status: 'approved',
        opened_at: t(1),
        due_at: t(3),
        decided_at: t(4),
        alert: 'normal',
        paused_since: null,
      },
    ],
    evaluations: [
      { id: 'e1', department_code: null, score: 2, at: t(5) },
      { id: 'e2', department_code: null, score: 4, at: t(6) },
      { id: 'e3', department_code: 'x', score: 1, at: t(5) },
    ],
    followUps: [
      { department_code: 'x', status: 'done', due_at: t(8), closed_at: t(7) },
      { department_code: 'x', status: 'done', due_at: t(8), closed_at: t(9) },
    ],
    datahub: { total: 3, byDepartment: { y: 2 } },
    windows: { 'clerk-1': 'A01' },
    division: '330402',
    legalDays: 20,
    stepLegalDays: { a: 10, b: null },
    provided: [{ id: 'licence', steps: ['b'] }],
    ...over,
  };
}

describe('the fold of one application', () => {
  it('counts the application and each department step with their own times', () => {
    const { units, recheckAt } = foldApplication(bundle(), { now: new Date(t(40)), calendar });
    expect(recheckAt).toBeNull();
    const [whole, a, b] = units;
    expect(whole!.keys).toEqual({
      window: 'A01',
      clerk: 'clerk-1',
      channel: 'window',
      town: '330402',
      bundle: 'bun',
    });
    expect(whole!.day).toBe('2026-12-01');
    // The whole: 4 h gross − 1 h paused = 3 h; due t(10) → on time; two visit days → not one-trip.
    const c = whole!.c;
    expect(get(c, 'dur_s')).toBe(3 * 3600);
    expect(get(c, 'on_time')).toBe(1);
    expect(get(c, 'zero_trip') + get(c, 'one_trip')).toBe(0);
    expect(get(c, 'legal_days')).toBe(20);
    expect(get(c, 'supplements')).toBe(1);
    // Asked m1; not asked m2 (data hub) and the licence produced inside the bundle.
    expect([get(c, 'mat_asked'), get(c, 'mat_not_asked')]).toEqual([1, 2]);
    // The latest overall rating counts: 4, not 2.
    expect([get(c, 'r2'), get(c, 'r4')]).toEqual([0, 1]);
    expect([get(c, 'fu_opened'), get(c, 'fu_closed'), get(c, 'fu_on_time')]).toEqual([2, 2, 1]);
    expect(get(c, 'datahub')).toBe(3);
    // Step a (x): 1 h, legal 10, rated 1 by its own department rating, its follow-ups.
    expect(a!.dept).toBe('x');
    expect(a!.keys).toMatchObject({ matter: 'ma', bundle: 'bun', step: 'bun:a' });
    expect(get(a!.c, 'dur_s')).toBe(3600);
    expect(get(a!.c, 'legal_n')).toBe(0 + 1);
    expect(get(a!.c, 'r1')).toBe(1);
    expect(get(a!.c, 'fu_opened')).toBe(2);
    expect(get(a!.c, 'holds_up')).toBe(0);
    // Step b (y): 3 h − 1 h paused = 2 h, due t(3) but decided t(4) → overdue, not on time;
    // no own rating → the overall one; it finished last: it held the bundle up.
    expect(get(b!.c, 'dur_s')).toBe(2 * 3600);
    expect([get(b!.c, 'on_time'), get(b!.c, 'overdue')]).toEqual([0, 1]);
    expect(get(b!.c, 'legal_n')).toBe(0);
    expect(get(b!.c, 'r4')).toBe(1);
    expect(get(b!.c, 'holds_up')).toBe(1);
    expect(get(b!.c, 'datahub')).toBe(2);
    expect(get(b!.c, 'supplements')).toBe(1);
  });

  it('marks a running application overdue only once its due time passed, and says when to look again', () => {
    const running = bundle({
      application: {
        ...bundle().application,
        status: 'accepted',
        completed_at: null,
        channel: 'online',
        submitted_by: 'u',
      },
      tasks: [{ ...bundle().tasks[0]!, status: 'open', decided_at: null }],
      actions: [],
    });
    const before = foldApplication(running, { now: new Date(t(1)), calendar });
    expect(get(before.units[0]!.c, 'overdue')).toBe(0);
    expect(before.recheckAt).toBe(t(2));
    expect(before.units[0]!.keys.clerk).toBe('');
    expect(before.units[0]!.keys.window).toBe('online');
    const after = foldApplication(running, { now: new Date(t(11)), calendar });
    expect(get(after.units[0]!.c, 'overdue')).toBe(1);
    expect(get(after.units[1]!.c, 'overdue')).toBe(1);
    expect(get(after.units[1]!.c, 'open_steps')).toBe(1);
    expect(after.recheckAt).toBeNull();
  });

  it('counts a deficient application that was refused in every department it would have gone to', () => {
    const refused = foldApplication(
      bundle({
        application: {
          ...bundle().application,
          status: 'refused',
          accepted_at: null,
          completed_at: null,
          due_at: null,
        },
        actions: [
          {
            seq: 1,
            at: t(0),
            type: 'deficient',
            task_id: null,
            actor: 'u',
            actor_role: 'person',
            channel: 'online',
          },
          {
            seq: 2,
            at: t(0),
            type: 'refused',
            task_id: null,
            actor: 'u',
            actor_role: 'person',
            channel: 'online',
          },
        ],
        tasks: [],
      }),
      { now: new Date(t(1)), calendar },
    );
    for (const u of refused.units) {
      expect([
        get(u.c, 'received'),
        get(u.c, 'accepted'),
        get(u.c, 'deficient'),
        get(u.c, 'refused'),
        get(u.c, 'settled'),
      ]).toEqual([1, 0, 1, 1, 0]);
    }
  });

  it('takes the China calendar day', () => {
    expect(chinaDay('2026-11-30T16:30:00Z')).toBe('2026-12-01');
    expect(chinaDay('2026-11-30T15:59:59Z')).toBe('2026-11-30');
  });
});

describe('rollup rows', () => {
  it('adds each unit to a daily and a monthly row of every dimension, and a refold changes only the difference', () => {
    const first = foldApplication(bundle(), { now: new Date(t(40)), calendar }).units;
    const rows = new Map<string, Counters>();
    addRows(rows, first);
    const keys = [...rows.keys()].map(decodeKey);
    // Whole: all, bundle, window, clerk, channel, town = 6; each step adds matter and step = 8;
    // each once for every subject ('') and once for its own.
    expect(keys.filter((k) => k.period === 'd' && k.dept === '')).toHaveLength(12);
    expect(keys.filter((k) => k.period === 'm' && k.dept === 'x')).toHaveLength(16);
    expect(keys.find((k) => k.period === 'm')?.day).toBe('2026-12-01');
    // Stored and read back, the same units; folding the same facts again changes nothing.
    const stored = decodeUnits(encodeUnits(first));
    const same = new Map<string, Counters>();
    deltaRows(same, stored, foldApplication(bundle(), { now: new Date(t(40)), calendar }).units);
    expect(nonZero(same)).toEqual([]);
    // A new rating moves one count from 4 to 5 in each row that holds the whole.
    const rerated = bundle({
      evaluations: [
        ...bundle().evaluations,
        { id: 'e9', department_code: null, score: 5, at: t(20) },
      ],
    });
    const delta = new Map<string, Counters>();
    deltaRows(delta, stored, foldApplication(rerated, { now: new Date(t(40)), calendar }).units);
    const changed = nonZero(delta);
    // 6 dims × 2 periods of the whole, and step b's 8 × 2 (it falls back to the overall rating),
    // each for '' and its subject.
    expect(changed).toHaveLength((12 + 16) * 2);
    for (const [, c] of changed)
      expect([get(c, 'r4'), get(c, 'r5'), get(c, 'received')]).toEqual([-1, 1, 0]);
  });
});

describe('counters', () => {
  it('matches the migration columns', () => {
    expect(ROLLUP_COUNTER_COLUMNS).toEqual([...ALL_COLUMNS]);
  });

  it('puts durations into working-hour buckets and reads p90 from them', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(3600)).toBe(0);
    expect(bucketOf(3601)).toBe(1);
    expect(bucketOf(61 * 7 * 3600)).toBe(26);
    const c = emptyCounters();
    for (const s of [1800, 1800, 1800, 6000, 6000, 6000, 6000, 6000, 6000, 30 * 3600]) {
      bump(c, 'dur_n');
      bump(c, 'dur_s', s);
      bumpHistogram(c, s);
    }
    // The 9th of 10 is 6 000 s (in the 2 h bucket): 2/7 of a working day.
    expect(p90Days(c)).toBeCloseTo(2 / 7, 4);
    expect(toMetricRow('k', 'k', emptyCounters())).toMatchObject({
      avgDays: null,
      p90Days: null,
      onTimeRate: null,
      badRatingRate: null,
    });
  });

  it('splits a range into whole months and the days around them', () => {
    expect(segments('2026-01-15', '2026-04-10')).toEqual([
      { period: 'd', from: '2026-01-15', to: '2026-01-31' },
      { period: 'm', from: '2026-02-01', to: '2026-03-01' },
      { period: 'd', from: '2026-04-01', to: '2026-04-10' },
    ]);
    expect(segments('2026-01-01', '2026-12-31')).toEqual([
      { period: 'm', from: '2026-01-01', to: '2026-12-01' },
    ]);
    expect(segments('2026-02-03', '2026-02-20')).toEqual([
      { period: 'd', from: '2026-02-03', to: '2026-02-20' },
    ]);
  });
});
