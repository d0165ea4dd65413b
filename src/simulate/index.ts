import type { App } from '../app.js';
import type { Config } from '../platform/config/index.js';
import type { AppOverrides } from '../app.js';
import { applicantAccounts, seedSimPopulation, signInStaff, type Population } from './actors.js';
import { runBaseline } from './baseline.js';
import type { SimulatedClock } from './clock.js';
import { arrive, countySubjects } from './county.js';
import { civilDate, dayStart, officeDayMs, plusDays } from './days.js';
import { createEngine, type Tally } from './engine.js';
import { describeStartup, measureStartups, type StartupFigures } from './figures.js';
import { dayMix } from './mix.js';
import { createRng } from './random.js';

export { simulatedClock, type SimulatedClock } from './clock.js';
export { dayMix, dayCount, type Arrival, type Subject } from './mix.js';
export { createRng, type Rng } from './random.js';
export { describeStartup, type StartupFigures } from './figures.js';

export interface SimulationOptions {
  days: number;
  people: number;
  seed: number;
  /** The first simulated day (its midnight, China time, or any instant of it). */
  start: Date;
  /** About how many applications a working day brings. */
  perDay: number;
  /** Nothing is simulated past this instant (the CLI passes the real now). */
  stopAt?: Date;
  /** Run the before-reform baseline of the start-up (default true); needs the config. */
  baseline?: { config: Config; logger?: AppOverrides['logger'] } | false;
  onProgress?: (p: SimulationProgress) => void;
}

export interface SimulationProgress {
  day: number;
  days: number;
  applications: number;
  phase: 'population' | 'days' | 'baseline';
}

export interface SimulationReport {
  days: number;
  workingDays: number;
  from: string;
  to: string;
  population: Population['report'];
  tally: Tally;
  /** The start-up bundle as configured (enterprise-startup): measured. */
  startup: StartupFigures;
  /** The same four matters one by one, before the reform: measured on its own platform. */
  baseline: StartupFigures | null;
}

/**
 * Simulates a county: seeds the demo and a synthetic population, then for each day of the
 * period (working days only bring applications) plays the day's mix and everything that
 * follows — reviewers' claims and decisions, supplies, ratings, follow-ups, the deadline
 * watch — through the platform's services, with `clock` (the app's clock) moved from event
 * to event. Then measures the start-up bundle and runs its before-reform baseline.
 */
export async function runSimulation(
  app: App,
  clock: SimulatedClock,
  options: SimulationOptions,
): Promise<SimulationReport> {
  const { calendar } = app.services;
  const first = dayStart(options.start);
  const progress = (day: number, phase: SimulationProgress['phase'], applications: number) =>
    options.onProgress?.({ day, days: options.days, applications, phase });
  clock.advanceTo(new Date(first.getTime() - 6 * 3600_000));
  await app.seedDemo();
  progress(0, 'population', 0);
  const population = await seedSimPopulation(app, {
    people: options.people,
    seed: options.seed,
    at: first,
  });
  const staff = await signInStaff(app, clock);
  const rng = createRng(options.seed);
  const engine = createEngine({ app, clock, staff, rng: rng.fork(1) });
  const subjects = countySubjects(app);
  const accounts = applicantAccounts(app);
  const startups: string[] = [];
  const stopAt = options.stopAt?.getTime() ?? Infinity;
  let workingDays = 0;
  for (let d = 0; d < options.days; d++) {
    const midnight = plusDays(first, d);
    if (midnight.getTime() >= stopAt) break;
    const date = civilDate(midnight);
    if (calendar.isWorkingDay(date)) {
      workingDays++;
      const dayMs = officeDayMs(calendar, midnight);
      engine.setDayMs(dayMs);
      const isoWeekday = (((midnight.getTime() + 8 * 3600_000) / 86_400_000 + 3) % 7) + 1;
      const mix = dayMix(rng.fork(100_000 + d), {
        perDay: options.perDay,
        isoWeekday: Math.floor(isoWeekday),
        officeMs: dayMs,
        subjects,
      });
      const deps = {
        app,
        engine,
        staff,
        population,
        accounts,
        rng: rng.fork(200_000 + d),
        startups,
      };
      for (const a of mix) {
        const at = calendar.addWorkingMillis(midnight, a.offset + 1);
        engine.at(at.getTime(), arrive(deps, a));
      }
      // The deadline watch, four times a working day (the platform runs it every minute).
      for (let k = 1; k <= 4; k++) {
        const at = calendar.addWorkingMillis(midnight, Math.floor((k * dayMs) / 4));
        engine.at(at.getTime() - 1, () => engine.tick());
      }
    }
    await engine.runUntil(Math.min(plusDays(first, d + 1).getTime(), stopAt));
    progress(d + 1, 'days', engine.tally.applications);
  }
  const dayMs = officeDayMs(calendar, first);
  const startup = await measureStartups(
    app,
    startups.map((id) => [{ id, actor: engine.tracked.get(id)!.actor }]),
    dayMs,
  );
  let baseline: StartupFigures | null = null;
  if (options.baseline) {
    progress(options.days, 'baseline', engine.tally.applications);
    baseline = await runBaseline({
      config: options.baseline.config,
      logger: options.baseline.logger,
      founders: population.adults,
      companies: Math.min(30, Math.max(5, startups.length)),
      start: first,
      seed: options.seed,
    });
  }
  const last = plusDays(first, options.days - 1);
  return {
    days: options.days,
    workingDays,
    from: civilDate(first),
    to: civilDate(last),
    population: population.report,
    tally: engine.tally,
    startup,
    baseline,
  };
}

/** The summary the CLI prints. */
export function formatReport(r: SimulationReport, seconds: number): string {
  const t = r.tally;
  const lines = [
    `simulated ${r.from} … ${r.to}: ${r.days} days, ${r.workingDays} working days; ${r.population.people} people, ${r.population.companies} companies`,
    `applications 办件: ${t.applications} (${(t.applications / Math.max(seconds, 0.001)).toFixed(1)}/s) — online ${t.byChannel.online}, window ${t.byChannel.window}, overseas ${t.byChannel.overseas}, department ${t.byChannel.department}`,
    `  deficient (one-time notice) ${t.deficient}, supplied ${t.noticesSupplied}, withdrawn ${t.withdrawn}; 容缺 commitments ${t.commitments}, fulfilled ${t.commitmentsFulfilled}`,
    `  supplements asked ${t.supplementsRequested}, answered ${t.supplementsAnswered}; approvals ${t.approvals}, rejections ${t.rejections}; settled ${t.settled} (completed ${t.completed})`,
    `  late decisions ${t.lateDecisions}; watch: warnings ${t.watch.warned}, overdue ${t.watch.overdue}, escalations ${t.watch.escalated}`,
    `ratings 好差评: ${t.ratings} (poor ${t.badRatings}, rated again ${t.ratedAgain}); follow-ups closed ${t.followUpsClosed}`,
    `start-up bundle: ${describeStartup(r.startup)}`,
    r.baseline
      ? `baseline one by one: ${describeStartup(r.baseline)}`
      : 'baseline one by one: not run',
    'Lishui (inter-department, serial vs parallel): not measured — the catalog has no before-reform configuration of its inter-department matters',
  ];
  const refused = Object.entries(t.refused);
  if (refused.length > 0)
    lines.push(`refused by the platform: ${refused.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return lines.join('\n');
}
