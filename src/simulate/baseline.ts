import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App, type AppOverrides } from '../app.js';
import type { Config } from '../platform/config/index.js';
import { projectRoot } from '../platform/paths/index.js';
import { createLogger } from '../platform/logging/index.js';
import type { ApplicationView } from '../../shared/contracts/index.js';
import type { SimPerson } from './actors.js';
import { signInStaff } from './actors.js';
import { simulatedClock } from './clock.js';
import { createEngine, type Engine } from './engine.js';
import { DELAYS } from './behaviour.js';
import { measureStartups, type StartupFigures } from './figures.js';
import { createRng, type Rng } from './random.js';
import { dayStart, nextOpening, officeDayMs, workingDaysFrom } from './days.js';

/** The four matters of the start-up, in the order an applicant had to do them before the reform. */
export const BASELINE_CHAIN = [
  'pre-amr-company-establishment',
  'pre-psb-seal-engraving',
  'pre-pbc-enterprise-account',
  'pre-tax-new-taxpayer-invoice',
] as const;

/** The baseline catalog: the shipped catalog and before-reform.yaml (the four matters as they were). */
export function baselineCatalogDir(into: string): string {
  const dir = path.join(into, 'baseline-catalog');
  fs.mkdirSync(dir, { recursive: true });
  // The shipped catalog as it is (other modules' rules read from the folder refer to its
  // matters), and beside it the before-reform matters under their own codes.
  fs.cpSync(path.join(projectRoot(), 'catalog'), dir, { recursive: true });
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Built code runs from dist/: the YAML stays beside the sources.
  const yaml = [
    path.join(here, 'baseline', 'before-reform.yaml'),
    path.join(projectRoot(), 'src', 'simulate', 'baseline', 'before-reform.yaml'),
  ].find((f) => fs.existsSync(f));
  if (!yaml) throw new Error('src/simulate/baseline/before-reform.yaml is missing');
  fs.copyFileSync(yaml, path.join(dir, 'before-reform.yaml'));
  return dir;
}

/**
 * The baseline run: `companies` founders start a company the old way on a platform of their
 * own (a scratch SQLite database with the before-reform catalog), each matter its own window
 * application, the next only once the previous is completed and the founder went to the next
 * department; the reviewers behave as in the county run, under the old limits.
 */
export async function runBaseline(options: {
  config: Config;
  founders: SimPerson[];
  companies: number;
  start: Date;
  seed: number;
  logger?: AppOverrides['logger'];
}): Promise<StartupFigures> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-baseline-'));
  const clock = simulatedClock(new Date(dayStart(options.start).getTime() - 3 * 3600_000));
  let app: App | undefined;
  try {
    app = await createApp(
      { ...options.config, dataDir: scratch, databaseUrl: undefined },
      {
        clock,
        passwordLogN: 10,
        // Its requests are not the county's: only warnings and errors are logged.
        logger: options.logger ?? createLogger({ level: 'warn', pretty: false }),
        catalogDir: baselineCatalogDir(scratch),
        database: { kind: 'sqlite', file: path.join(scratch, 'baseline.sqlite') },
      },
    );
    await app.seedDemo();
    const staff = await signInStaff(app, clock);
    const rng = createRng(options.seed).fork(0xba5e);
    const engine = createEngine({ app, clock, staff, rng });
    const dayMs = officeDayMs(app.services.calendar, options.start);
    engine.setDayMs(dayMs);
    const chains: { actor: (typeof staff.clerks)[number]; ids: string[] }[] = [];
    const days = workingDaysFrom(app.services.calendar, options.start, 10);
    for (let i = 0; i < options.companies && options.founders.length > 0; i++) {
      const founder = options.founders[(i * 7919) % options.founders.length]!;
      const clerk = staff.clerks[i % staff.clerks.length]!;
      const chain = { actor: clerk, ids: [] as string[] };
      chains.push(chain);
      const day = days[i % days.length]!;
      const at = app.services.calendar.addWorkingMillis(
        dayStart(day),
        Math.floor(rng.next() * (dayMs - 3600_000)) + 1,
      );
      engine.at(at.getTime(), () =>
        step(engine, rng, {
          ...{ founder, clerk, chain, index: 0, i },
          calendar: app!.services.calendar,
          alternates: staff.clerks.filter((c) => c !== clerk),
        }),
      );
    }
    // Run until every chain is done (60 working days after the last start at most).
    const until = app.services.calendar.addWorkingDays(days[days.length - 1]!, 60).getTime();
    await engine.runUntil(until);
    return await measureStartups(
      app,
      chains.map((c) => c.ids.map((id) => ({ id, actor: engine.tracked.get(id)!.actor }))),
      dayMs,
    );
  } finally {
    await app?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Submits step `index` of a founder's chain; its completion schedules the next one. */
async function step(
  engine: Engine,
  rng: Rng,
  s: {
    founder: SimPerson;
    clerk: Parameters<Engine['submit']>[0]['p'];
    chain: { ids: string[] };
    index: number;
    i: number;
    creditCode?: string;
    calendar: App['services']['calendar'];
    alternates: Parameters<Engine['submit']>[0]['p'][];
  },
): Promise<void> {
  const code = BASELINE_CHAIN[s.index]!;
  const companyName = `嘉兴旧制${s.i + 1}号商贸有限公司`;
  const form: Record<string, unknown> = {
    companyName,
    legalRepresentativeName: s.founder.name,
    legalRepresentativeIdNumber: s.founder.idNumber,
    phone: '13900000000',
    ...(s.index === 0
      ? { registeredCapital: 50, businessAddress: '浙江省嘉兴市南湖区中山路 1 号' }
      : {}),
    ...(s.creditCode ? { creditCode: s.creditCode } : {}),
  };
  const props = engine.guide('matter', code).form.properties;
  for (const k of Object.keys(form)) if (!(k in props)) delete form[k];
  const t = await engine.submit({
    p: s.clerk,
    alternates: s.alternates,
    subject: { kind: 'matter', code },
    channel: 'window',
    form,
    applicant: { idNumber: s.founder.idNumber, name: s.founder.name },
    plan: { deficient: false, commitment: false, agent: true, all: true },
    onSettled: (view: ApplicationView) => {
      if (view.status !== 'completed' || s.index + 1 >= BASELINE_CHAIN.length) return;
      // The applicant copies the credit code from the paper licence into the next forms, and
      // goes to the next department on a later working day.
      const creditCode =
        s.creditCode ?? (view.results[0]?.outputs.creditCode as string | undefined);
      const calendar = s.calendar;
      const open = nextOpening(calendar, new Date(view.completedAt!));
      const at = calendar.addWorkingMillis(open, DELAYS.nextDepartment(rng) * engine.dayMs);
      engine.at(at.getTime(), () => step(engine, rng, { ...s, index: s.index + 1, creditCode }));
    },
  });
  if (t) s.chain.ids.push(t.id);
}
