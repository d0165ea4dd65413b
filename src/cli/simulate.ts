import { Option, type Command } from 'commander';
import type { App, AppOverrides } from '../app.js';
import type { Config } from '../platform/config/index.js';
import { createLogger } from '../platform/logging/index.js';
import {
  formatReport,
  runSimulation,
  simulatedClock,
  type SimulationProgress,
} from '../simulate/index.js';

type Deps = {
  config: () => Config;
  createApp: (config: Config, overrides?: AppOverrides) => Promise<App>;
};

const DAY = 86_400_000;

function progressBar(p: SimulationProgress, started: number): string {
  const width = 30;
  const share = p.days === 0 ? 1 : Math.min(1, p.day / p.days);
  const filled = Math.round(share * width);
  const rate = p.applications / Math.max(0.001, (Date.now() - started) / 1000);
  const what =
    p.phase === 'population'
      ? 'seeding the population'
      : p.phase === 'baseline'
        ? 'baseline (one by one)'
        : `${p.applications} applications, ${rate.toFixed(1)}/s`;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% day ${p.day}/${p.days}, ${what} `;
}

/** The China-time date of today minus `days - 1`: the period then ends today. */
function defaultStart(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 - (days - 1) * DAY).toISOString().slice(0, 10);
}

/**
 * `onetrip simulate --days 365 --people N [--seed S] [--start YYYY-MM-DD] [--per-day K]`: a
 * simulated county year through the platform's services, on a simulated clock (refused in
 * production).
 */
export function registerSimulateCommand(program: Command, deps: Deps): void {
  program
    .command('simulate')
    .description(
      'simulate a county: a synthetic population applies day by day (online, window, overseas, departments), reviewers decide, applicants rate; prints the measured start-up figures against the one-by-one baseline',
    )
    .addOption(new Option('--days <n>', 'how many calendar days').default('365'))
    .addOption(
      new Option('--people <n>', 'how many people in the synthetic population').default('10000'),
    )
    .addOption(
      new Option('--seed <s>', 'the random seed (same seed, same simulation)').default('1'),
    )
    .addOption(
      new Option('--start <date>', 'first day YYYY-MM-DD (default: the period ends today)'),
    )
    .addOption(
      new Option(
        '--per-day <k>',
        'about how many applications a working day brings (default: people/20, 5–200)',
      ),
    )
    .option('--no-baseline', 'skip the before-reform baseline run')
    .action(
      async (opts: {
        days: string;
        people: string;
        seed: string;
        start?: string;
        perDay?: string;
        baseline: boolean;
      }) => {
        const cfg = deps.config();
        if (cfg.env === 'production') {
          console.error(
            'Simulated data is refused in production (NODE_ENV=production). 生产环境不允许模拟数据。',
          );
          process.exit(1);
        }
        const days = Number(opts.days);
        const people = Number(opts.people);
        const seed = Number(opts.seed);
        const perDay =
          opts.perDay === undefined
            ? Math.min(200, Math.max(5, Math.round(people / 20)))
            : Number(opts.perDay);
        const start = opts.start ?? defaultStart(days);
        if (
          !Number.isInteger(days) ||
          days < 1 ||
          !Number.isInteger(people) ||
          people < 10 ||
          !Number.isInteger(seed) ||
          !Number.isFinite(perDay) ||
          perDay < 0 ||
          !/^\d{4}-\d{2}-\d{2}$/.test(start) ||
          Number.isNaN(Date.parse(`${start}T00:00:00+08:00`))
        ) {
          console.error(
            '--days must be a positive integer, --people an integer ≥ 10, --seed an integer, --per-day a number ≥ 0 and --start YYYY-MM-DD. 参数无效。',
          );
          process.exit(2);
        }
        const first = new Date(Date.parse(`${start}T00:00:00+08:00`));
        const clock = simulatedClock(new Date(first.getTime() - 6 * 3600_000));
        // The services log every action at info: a year of them would drown the summary.
        const logger = createLogger({ level: 'warn', pretty: false });
        const app = await deps.createApp(cfg, { clock, logger, passwordLogN: 12 });
        try {
          const started = Date.now();
          const tty = process.stderr.isTTY;
          let last = 0;
          const report = await runSimulation(app, clock, {
            days,
            people,
            seed,
            start: first,
            perDay,
            stopAt: new Date(),
            baseline: opts.baseline ? { config: cfg, logger } : false,
            onProgress: (p) => {
              if (tty || p.day === p.days || Date.now() - last > 2000) {
                process.stderr.write(progressBar(p, started) + (tty ? '' : '\n'));
                last = Date.now();
              }
            },
          });
          if (tty) process.stderr.write('\n');
          const seconds = (Date.now() - started) / 1000;
          console.log(formatReport(report, seconds));
          console.log(`done in ${seconds.toFixed(1)} s`);
        } finally {
          await app.close();
        }
      },
    );
}
