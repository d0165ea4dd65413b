import type { App } from '../app.js';
import type { ApplicationView } from '../../shared/contracts/index.js';
import type { Principal } from '../platform/http/index.js';

/** What one way of starting a company cost the applicant, measured from the stored history. */
export interface StartupFigures {
  /** Companies started (a bundle application, or a chain of four applications). */
  started: number;
  /** Of which completed (every step approved). */
  completed: number;
  /**
   * Mean office time from acceptance (受理) to the last result, in working days, on the
   * limit's clock (time waiting for the applicant's supplements does not count).
   */
  meanWorkingDays: number;
  /** The longest, in working days. */
  maxWorkingDays: number;
  /** Share of the completed within 1 working day. */
  withinOneDay: number;
  /** Materials the applications list (mean per company; conditional ones included). */
  materialsAsked: number;
  /** Of those, handed in by the applicant (uploaded or promised). */
  handedIn: number;
  /** Of those, fetched from the data hub or the wallet (数据共享). */
  fetched: number;
  /** Applications the applicant submitted per company. */
  submissions: number;
}

const HANDED_IN = new Set(['uploaded', 'committed', 'commitment']);
const FETCHED = new Set(['datahub', 'credential']);

/**
 * Measures companies started: each is the list of its applications (one for the bundle, four
 * in a row for the baseline); days run from the first acceptance to the last completion, in
 * office time of the working-day calendar, over the office day's length.
 */
export async function measureStartups(
  app: App,
  companies: { id: string; actor: Principal }[][],
  dayMs: number,
): Promise<StartupFigures> {
  const { cases, calendar } = app.services;
  const done: { days: number; asked: number; handedIn: number; fetched: number; n: number }[] = [];
  for (const c of companies) {
    const views: ApplicationView[] = [];
    for (const a of c) views.push(await cases.get(a.actor, a.id));
    if (views.length === 0 || !views.every((v) => v.status === 'completed')) continue;
    const start = views[0]!.acceptedAt;
    const end = views[views.length - 1]!.completedAt;
    if (!start || !end) continue;
    // On the limit's clock: the applicant's time answering a supplement request (补正) stops it.
    const waiting = views
      .flatMap((v) => supplementWaits(v))
      .reduce((sum, [from, to]) => sum + calendar.workingMillisBetween(from, to), 0);
    const ms = calendar.workingMillisBetween(new Date(start), new Date(end)) - waiting;
    const materials = views.flatMap((v) => v.materials);
    done.push({
      days: ms / dayMs,
      asked: materials.length,
      handedIn: materials.filter((m) => HANDED_IN.has(m.state)).length,
      fetched: materials.filter((m) => FETCHED.has(m.state)).length,
      n: views.length,
    });
  }
  const mean = (f: (d: (typeof done)[number]) => number) =>
    done.length === 0 ? 0 : done.reduce((s, d) => s + f(d), 0) / done.length;
  return {
    started: companies.length,
    completed: done.length,
    meanWorkingDays: mean((d) => d.days),
    maxWorkingDays: done.reduce((m, d) => Math.max(m, d.days), 0),
    withinOneDay: done.length === 0 ? 0 : done.filter((d) => d.days <= 1).length / done.length,
    materialsAsked: mean((d) => d.asked),
    handedIn: mean((d) => d.handedIn),
    fetched: mean((d) => d.fetched),
    submissions: mean((d) => d.n),
  };
}

/** The intervals an application waited for the applicant's supplement (merged when they overlap). */
export function supplementWaits(v: Pick<ApplicationView, 'actions'>): [Date, Date][] {
  const open = new Map<string, Date>();
  const spans: [Date, Date][] = [];
  for (const a of v.actions) {
    const task = a.taskId ?? '';
    if (a.type === 'supplement-requested') open.set(task, new Date(a.at));
    else if (a.type === 'supplement-answered' && open.has(task)) {
      spans.push([open.get(task)!, new Date(a.at)]);
      open.delete(task);
    }
  }
  spans.sort((x, y) => x[0].getTime() - y[0].getTime());
  const merged: [Date, Date][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) {
      if (span[1] > last[1]) last[1] = span[1];
    } else merged.push([span[0], span[1]]);
  }
  return merged;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** `1 working day, 7 materials`: the mean in whole working days (at least 1), then the detail. */
export function describeStartup(f: StartupFigures): string {
  if (f.completed === 0) return 'no company completed';
  const days = Math.max(1, Math.round(f.meanWorkingDays));
  return `${days} working day${days === 1 ? '' : 's'}, ${Math.round(f.materialsAsked)} materials (mean ${round1(f.meanWorkingDays)} working days, max ${round1(f.maxWorkingDays)}, ${Math.round(f.withinOneDay * 100)}% within 1; ${round1(f.handedIn)} handed in, ${round1(f.fetched)} shared; ${round1(f.submissions)} submission${f.submissions === 1 ? '' : 's'}; ${f.completed}/${f.started} completed)`;
}
