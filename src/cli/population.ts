import { Option, type Command } from 'commander';
import type { App } from '../app.js';
import type { Config } from '../platform/config/index.js';
import { seedPopulation } from '../modules/datahub/index.js';

type Deps = { config: () => Config; createApp: (config: Config) => Promise<App> };

function progressBar(done: number, total: number, started: number): string {
  const width = 30;
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total} people, ${Math.round(rate)}/s `;
}

/** `onetrip seed population --people N --seed S`: a synthetic population in the data hub's built-in sources. */
export function registerPopulationCommand(program: Command, deps: Deps): void {
  const seed = program.commands.find((c) => c.name() === 'seed') ?? program.command('seed');
  // `seed --demo` keeps its mandatory flag for itself; `seed population` does not need it.
  const demo = seed.options.find((o) => o.long === '--demo');
  if (demo?.mandatory) {
    demo.makeOptionMandatory(false);
    seed.hook('preAction', (_cmd, action) => {
      if (action === seed && !seed.opts<{ demo?: boolean }>().demo)
        seed.error("error: required option '--demo' not specified");
    });
  }
  seed
    .command('population')
    .description(
      'a synthetic population (households, births, marriages, insurance, properties, companies) in the data hub',
    )
    .addOption(new Option('--people <n>', 'how many people').default('10000'))
    .addOption(
      new Option('--seed <s>', 'the random seed (same seed, same population)').default('1'),
    )
    .action(async (opts: { people: string; seed: string }) => {
      const cfg = deps.config();
      if (cfg.env === 'production') {
        console.error(
          'Synthetic data is refused in production (NODE_ENV=production). 生产环境不允许合成数据。',
        );
        process.exit(1);
      }
      const people = Number(opts.people);
      const seedValue = Number(opts.seed);
      if (!Number.isInteger(people) || people < 1 || !Number.isInteger(seedValue)) {
        console.error(
          '--people must be a positive integer and --seed an integer. 人数须为正整数。',
        );
        process.exit(2);
      }
      const app = await deps.createApp(cfg);
      try {
        const started = Date.now();
        const tty = process.stderr.isTTY;
        let last = 0;
        const report = await seedPopulation(
          app.services.datahub.repo,
          { people, seed: seedValue, at: new Date() },
          (done, total) => {
            if (tty || done === total || Date.now() - last > 1000) {
              process.stderr.write(progressBar(done, total, started) + (tty ? '' : '\n'));
              last = Date.now();
            }
          },
        );
        if (tty) process.stderr.write('\n');
        console.log(
          `${report.people} people in ${report.households} households, ${report.marriages} marriages, ${report.births} births this year, ` +
            `${report.companies} companies, ${report.records} records in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        await app.close();
      }
    });
}
