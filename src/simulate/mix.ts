import type { Rng } from './random.js';

export type Channel = 'online' | 'window' | 'overseas' | 'department';
export type ApplicantKind = 'person' | 'company' | 'department';

/** A matter or bundle the simulated county applies for, and how often. */
export interface Subject {
  kind: 'matter' | 'bundle';
  code: string;
  applicant: ApplicantKind;
  /** Relative frequency among the day's applications. */
  weight: number;
  /** May come through an overseas service point (全球通). */
  overseas: boolean;
}

/** One planned application of a simulated day. */
export interface Arrival {
  /** Office time after the day's opening (ms), ascending within a day. */
  offset: number;
  subject: Subject;
  channel: Channel;
  /** Leaves out one material to upload: a one-time notice (一次性告知), supplied later. */
  deficient: boolean;
  /** Promises one material to hand in later (容缺) where the matter allows it. */
  commitment: boolean;
  /** Applies through an agent (the agent's authorisation is handed in). */
  agent: boolean;
  /** Which applicant (a share in [0,1) of the pool of the applicant kind). */
  who: number;
}

export const MIX = {
  /** Persons and companies: online, window, overseas (only for matters of the overseas service points). */
  person: { online: 0.5, window: 0.35, overseas: 0.15 },
  company: { online: 0.55, window: 0.45 },
  deficientShare: 0.08,
  commitmentShare: 0.05,
  agentShare: 0.15,
  /** Monday busiest, Friday quietest (index: ISO weekday 1–7; rest days count as Monday). */
  weekday: [1, 1.2, 1.05, 1, 1, 0.85, 1, 1] as readonly number[],
} as const;

/** How many applications a working day brings: about `perDay`, varying by weekday and chance. */
export function dayCount(rng: Rng, perDay: number, isoWeekday: number): number {
  const factor = MIX.weekday[isoWeekday] ?? 1;
  return Math.max(0, Math.round(perDay * factor * rng.between(0.75, 1.25)));
}

/**
 * The applications of one working day, in arrival order: subjects by weight, each with its
 * channel, whether it is deficient, carries a 容缺 commitment or comes through an agent, spread
 * over `officeMs` of office time. Pure: the same generator state gives the same day.
 */
export function dayMix(
  rng: Rng,
  options: { perDay: number; isoWeekday: number; officeMs: number; subjects: readonly Subject[] },
): Arrival[] {
  const n = dayCount(rng, options.perDay, options.isoWeekday);
  const weighted = options.subjects.map((s) => ({ weight: s.weight, value: s }));
  if (weighted.length === 0) return [];
  const out: Arrival[] = [];
  for (let i = 0; i < n; i++) {
    const subject = rng.weighted(weighted);
    let channel: Channel;
    if (subject.applicant === 'department') channel = 'department';
    else if (subject.applicant === 'company')
      channel = rng.chance(MIX.company.online) ? 'online' : 'window';
    else {
      const x = rng.next();
      channel =
        x < MIX.person.online
          ? 'online'
          : subject.overseas && x >= 1 - MIX.person.overseas
            ? 'overseas'
            : 'window';
    }
    out.push({
      // The last quarter hour takes no new applications.
      offset: Math.floor(rng.next() * Math.max(1, options.officeMs - 15 * 60_000)),
      subject,
      channel,
      deficient: rng.chance(MIX.deficientShare),
      commitment: rng.chance(MIX.commitmentShare),
      agent: rng.chance(MIX.agentShare),
      who: rng.next(),
    });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Weights of the subjects the county sees most (others weigh 1). */
export const HOT: Record<string, number> = {
  'enterprise-startup': 8,
  'psb-id-card-application': 8,
  'exit-passport': 6,
  'exit-hk-macao-permit': 6,
  'hrss-social-security-card': 5,
  'pbc-credit-report': 4,
  'tax-income-tax-record': 4,
  'psb-no-criminal-record': 4,
  'realestate-record-query': 4,
  'civil-marriage-registration': 3,
  'edu-primary-enrolment': 3,
  'hsb-remote-medical-filing': 3,
  'amr-company-change': 3,
  'tax-vat-invoice-limit': 3,
  'hrss-employment-registration': 3,
  newborn: 2,
  retirement: 2,
};

/** Subjects that come through the overseas service points (notary, household, exit-entry, property, mediation). */
export const OVERSEAS_PREFIXES = [
  'notary-',
  'exit-',
  'realestate-',
  'judicial-overseas',
  'psb-overseas',
  'overseas-',
];
