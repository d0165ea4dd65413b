import type { Rng } from './random.js';

/**
 * How the simulated people behave, in office time (working milliseconds: only office hours
 * of working days count). Everything the summary measures follows from these draws and the
 * limits the catalog gives each matter; see docs/simulation.md.
 */
export const BEHAVIOUR = {
  /** Reviewers: most decide well inside the step's promised limit, a few near it, a few late. */
  reviewer: {
    inside: { share: 0.9, from: 0.1, to: 0.75 },
    near: { share: 0.07, from: 0.75, to: 1 },
    late: { share: 0.03, from: 1.05, to: 1.8 },
    /** Of the decision time, how much passes before the task is claimed (认领). */
    claim: { from: 0.05, to: 0.3 },
    rejectShare: 0.02,
    supplementShare: 0.05,
  },
  /** Share of the applicants who rate a settled application (好差评). */
  rateShare: 0.85,
  scores: {
    completed: [0.02, 0.03, 0.04, 0.11, 0.8],
    rejected: [0.15, 0.15, 0.2, 0.2, 0.3],
    again: [0.02, 0.03, 0.15, 0.3, 0.5],
  },
} as const;

export type Outcome = 'approve' | 'reject' | 'request-supplement';

export interface ReviewerPlan {
  /** Office time from the task's opening to its claim. */
  claimAfter: number;
  /** Office time from the task's opening to the decision. */
  decideAfter: number;
  outcome: Outcome;
  /** Decided after the step's limit. */
  late: boolean;
}

/**
 * A reviewer's handling of a task whose promised limit is `limitMs` of office time: when it
 * is claimed and decided (a share of the limit) and what is decided. `canSupplement` is false
 * when nothing was uploaded that could be asked again (or it was asked once already).
 */
export function reviewerPlan(rng: Rng, limitMs: number, canSupplement: boolean): ReviewerPlan {
  const r = BEHAVIOUR.reviewer;
  const band = rng.weighted<{ from: number; to: number }>([
    { weight: r.inside.share, value: r.inside },
    { weight: r.near.share, value: r.near },
    { weight: r.late.share, value: r.late },
  ]);
  const share = rng.between(band.from, band.to);
  const decideAfter = Math.max(60_000, Math.round(limitMs * share));
  const claimAfter = Math.round(decideAfter * rng.between(r.claim.from, r.claim.to));
  const x = rng.next();
  const outcome: Outcome =
    x < r.rejectShare
      ? 'reject'
      : canSupplement && x < r.rejectShare + r.supplementShare
        ? 'request-supplement'
        : 'approve';
  return { claimAfter, decideAfter, outcome, late: share > 1 };
}

/** After a supplement is answered: the reviewer decides again within a share of the limit. */
export function resumeAfter(rng: Rng, limitMs: number): number {
  return Math.max(60_000, Math.round(limitMs * rng.between(0.05, 0.3)));
}

/** A score 1–5 drawn from the distribution for the case. */
export function drawScore(rng: Rng, kind: keyof typeof BEHAVIOUR.scores): 1 | 2 | 3 | 4 | 5 {
  const weights = BEHAVIOUR.scores[kind];
  return rng.weighted(
    weights.map((weight, i) => ({ weight, value: (i + 1) as 1 | 2 | 3 | 4 | 5 })),
  );
}

/** Applicants' and leads' delays, in working days of office time (× the office day's length). */
export const DELAYS = {
  /** Hands in what the one-time notice lists. */
  supplyNotice: (rng: Rng) => rng.between(0.2, 3),
  /** Answers a reviewer's supplement request (补正). */
  supplySupplement: (rng: Rng) => rng.between(0.1, 2),
  /** Rates the settled application. */
  rate: (rng: Rng) => rng.between(0.02, 1.5),
  /** Rates again once told what the follow-ups did. */
  rateAgain: (rng: Rng) => rng.between(0.1, 2),
  /** A lead's call-back after a poor rating (limit 1 working day; a few late). */
  callback: (rng: Rng) => (rng.chance(0.05) ? rng.between(1.1, 1.6) : rng.between(0.05, 0.8)),
  /** A lead's rectification after a poor rating (limit 15 working days; a few late). */
  rectification: (rng: Rng) => (rng.chance(0.05) ? rng.between(15.2, 18) : rng.between(1, 12)),
  /** A lead answers an escalated overdue task (limit 1 working day). */
  escalation: (rng: Rng) => rng.between(0.1, 0.9),
  /**
   * Before the reform: after one result the applicant goes to the next department on the next
   * working day, mostly in the morning, sometimes a day later (a share of an office day after
   * its opening).
   */
  nextDepartment: (rng: Rng) => (rng.chance(0.15) ? rng.between(1, 1.5) : rng.between(0, 0.5)),
} as const;
