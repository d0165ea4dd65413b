import { describe, expect, it } from 'vitest';
import { reviewerPlan } from './behaviour.js';
import { dayCount, dayMix, type Subject } from './mix.js';
import { createRng } from './random.js';

const SUBJECTS: Subject[] = [
  { kind: 'bundle', code: 'enterprise-startup', applicant: 'person', weight: 8, overseas: false },
  { kind: 'matter', code: 'exit-passport', applicant: 'person', weight: 6, overseas: true },
  { kind: 'matter', code: 'amr-company-change', applicant: 'company', weight: 3, overseas: false },
  {
    kind: 'matter',
    code: 'psb-dept-household-check',
    applicant: 'department',
    weight: 1,
    overseas: false,
  },
];
const OFFICE = 8 * 3600_000;
const days = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, d) =>
    dayMix(rng.fork(d), {
      perDay: 40,
      isoWeekday: (d % 5) + 1,
      officeMs: OFFICE,
      subjects: SUBJECTS,
    }),
  ).flat();
};

describe("the day's mix", () => {
  it('is the same for the same seed and differs for another', () => {
    expect(days(7, 5)).toEqual(days(7, 5));
    expect(days(8, 5)).not.toEqual(days(7, 5));
  });

  it('brings about the asked number a day, Mondays more than Fridays', () => {
    const rng = createRng(1);
    const mondays = Array.from({ length: 200 }, () => dayCount(rng, 40, 1));
    const fridays = Array.from({ length: 200 }, () => dayCount(rng, 40, 5));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(mondays)).toBeGreaterThan(44);
    expect(mean(mondays)).toBeLessThan(52);
    expect(mean(fridays)).toBeGreaterThan(31);
    expect(mean(fridays)).toBeLessThan(37);
  });

  it('spreads arrivals over office hours in order, before the last quarter hour', () => {
    const mix = days(3, 20);
    for (let i = 1; i < 20; i++) {
      const day = dayMix(createRng(i), {
        perDay: 30,
        isoWeekday: 2,
        officeMs: OFFICE,
        subjects: SUBJECTS,
      });
      expect(day.map((a) => a.offset)).toEqual([...day.map((a) => a.offset)].sort((a, b) => a - b));
    }
    expect(Math.max(...mix.map((a) => a.offset))).toBeLessThan(OFFICE - 15 * 60_000);
    expect(Math.min(...mix.map((a) => a.offset))).toBeGreaterThanOrEqual(0);
  });

  it('sends each applicant kind through its own channels', () => {
    const mix = days(5, 30);
    const channels = (code: string) =>
      new Set(mix.filter((a) => a.subject.code === code).map((a) => a.channel));
    expect(channels('psb-dept-household-check')).toEqual(new Set(['department']));
    expect(channels('amr-company-change')).toEqual(new Set(['online', 'window']));
    // Overseas service points only for their matters.
    expect(channels('exit-passport')).toEqual(new Set(['online', 'window', 'overseas']));
    expect(channels('enterprise-startup')).toEqual(new Set(['online', 'window']));
  });

  it('picks subjects by weight, with some deficient submissions and 容缺 commitments', () => {
    const mix = days(11, 40);
    const share = (f: (a: (typeof mix)[number]) => boolean) => mix.filter(f).length / mix.length;
    expect(share((a) => a.subject.code === 'enterprise-startup')).toBeGreaterThan(0.38);
    expect(share((a) => a.subject.code === 'enterprise-startup')).toBeLessThan(0.5);
    expect(share((a) => a.subject.code === 'psb-dept-household-check')).toBeLessThan(0.1);
    expect(share((a) => a.deficient)).toBeGreaterThan(0.05);
    expect(share((a) => a.deficient)).toBeLessThan(0.12);
    expect(share((a) => a.commitment)).toBeGreaterThan(0.02);
  });

  it('brings nothing without subjects', () => {
    expect(
      dayMix(createRng(1), { perDay: 40, isoWeekday: 1, officeMs: OFFICE, subjects: [] }),
    ).toEqual([]);
  });
});

describe('the reviewers', () => {
  it('decide most tasks well inside the limit and a few late, after claiming them', () => {
    const rng = createRng(2);
    const limit = 4 * 3600_000;
    const plans = Array.from({ length: 2000 }, () => reviewerPlan(rng, limit, true));
    const late = plans.filter((p) => p.decideAfter > limit);
    expect(late.length / plans.length).toBeGreaterThan(0.015);
    expect(late.length / plans.length).toBeLessThan(0.05);
    expect(
      plans.filter((p) => p.decideAfter <= 0.75 * limit).length / plans.length,
    ).toBeGreaterThan(0.85);
    for (const p of plans) {
      expect(p.claimAfter).toBeLessThan(p.decideAfter);
      expect(p.late).toBe(p.decideAfter > limit);
    }
    const outcomes = new Set(plans.map((p) => p.outcome));
    expect(outcomes).toEqual(new Set(['approve', 'reject', 'request-supplement']));
  });

  it('ask no supplement when nothing can be asked again', () => {
    const rng = createRng(3);
    const plans = Array.from({ length: 500 }, () => reviewerPlan(rng, 3600_000, false));
    expect(plans.some((p) => p.outcome === 'request-supplement')).toBe(false);
  });
});
