import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { projectRoot, projectVersion } from '../platform/paths/index.js';
import { CatalogError, loadCatalog } from '../modules/catalog/index.js';
import { ConfigError, loadConfig, type Config } from '../platform/config/index.js';
import { createApp } from '../app.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, type DemoLogin } from '../demo/index.js';
import { totpUri } from '../modules/identity/index.js';
import { HUB_DIRECTORY } from '../modules/datahub/index.js';
import { loadWindowStaffRules, WINDOW_STAFF_RULES_FILE } from '../modules/supervision/index.js';
import type { StaffRole } from '../platform/http/index.js';
import { registerLedgerCommands } from './ledger.js';
import { registerPopulationCommand } from './population.js';
import { registerCredentialsCommands } from './credentials.js';
import { registerSimulateCommand } from './simulate.js';

function config(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function printLogins(logins: DemoLogin[]): void {
  console.log(
    `\n演示账号 Demo accounts (password 密码: ${DEMO_PASSWORD}; staff TOTP secret 工作人员动态码密钥: ${DEMO_TOTP_SECRET})`,
  );
  const width = Math.max(...logins.map((l) => l.username.length));
  for (const l of logins)
    console.log(`  ${l.username.padEnd(width)}  ${l.totp ? '[TOTP] ' : '       '}${l.who}`);
}

const program = new Command('onetrip')
  .description('OneTrip (一次办): the at-most-one-trip government services platform')
  .version(projectVersion());

program
  .command('serve')
  .description(
    'migrate, seed demo data when the platform is empty (not in production), and serve HTTP',
  )
  .action(async () => {
    const cfg = config();
    const app = await createApp(cfg);
    let logins: DemoLogin[] | null = null;
    const empty = (await app.services.identity.countAccounts()) === 0;
    if (cfg.demo === 'on' || (cfg.demo === 'auto' && empty)) logins = await app.seedDemo();
    app.startJobs();
    const address = await app.server.listen({ port: cfg.port, host: cfg.host });
    const shown =
      cfg.host === '127.0.0.1' || cfg.host === '0.0.0.0' ? `http://localhost:${cfg.port}` : address;
    console.log(`\n一次办 OneTrip is running 已启动: ${shown}`);
    console.log(
      `  database 数据库: ${app.dialect}${app.dialect === 'sqlite' ? ` (${cfg.dataDir})` : ''}`,
    );
    console.log(`  API docs 接口文档: ${shown}/docs`);
    if (logins) printLogins(logins);
    else if (cfg.demo !== 'off')
      console.log(
        '  (existing data: demo accounts, if seeded before, still use the password above)',
      );
    const stop = async () => {
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const app = await createApp(config());
    console.log(`migrations applied (${app.dialect})`);
    await app.close();
  });

program
  .command('seed')
  .description('seed data')
  .addOption(new Option('--demo', 'the demo accounts of API.md').makeOptionMandatory())
  .action(async () => {
    const cfg = config();
    if (cfg.env === 'production') {
      console.error(
        'Demo data is refused in production (NODE_ENV=production). 生产环境不允许演示数据。',
      );
      process.exit(1);
    }
    const app = await createApp(cfg);
    printLogins(await app.seedDemo());
    await app.close();
  });

const users = program.command('users').description('manage accounts');
users
  .command('create')
  .description('create an account; prints the TOTP secret of a staff account once')
  .requiredOption('--username <name>', 'login name')
  .requiredOption('--password <password>', 'initial password (8+ characters)')
  .requiredOption('--name <displayName>', 'name to show')
  .addOption(
    new Option('--kind <kind>', 'account kind')
      .choices(['staff', 'person', 'company'])
      .default('staff'),
  )
  .option(
    '--role <role...>',
    'staff roles: clerk reviewer supervisor admin judge mediator grid-worker verifier',
  )
  .option('--department <code>', 'department scope of a staff account')
  .option('--id-number <idNumber>', 'resident identity number of a person account')
  .action(
    async (opts: {
      username: string;
      password: string;
      name: string;
      kind: 'staff' | 'person' | 'company';
      role?: string[];
      department?: string;
      idNumber?: string;
    }) => {
      const app = await createApp(config());
      try {
        const person = opts.idNumber
          ? await app.services.registry.ensurePerson({ idNumber: opts.idNumber, name: opts.name })
          : undefined;
        const created = await app.services.identity.createAccount({
          username: opts.username,
          password: opts.password,
          kind: opts.kind,
          displayName: opts.name,
          roles: (opts.role ?? []) as StaffRole[],
          departmentCode: opts.department,
          personId: person?.id,
        });
        console.log(`created ${opts.username} (${created.id})`);
        if (created.totpSecret) {
          console.log(`TOTP secret 动态码密钥: ${created.totpSecret}`);
          console.log(`  ${totpUri(created.totpSecret, opts.username)}`);
        }
      } finally {
        await app.close();
      }
    },
  );

const catalog = program.command('catalog').description('the catalog of matters and bundles');
catalog
  .command('validate')
  .description(
    'load and check every catalog/*.yaml file; prints each problem with file, line and rule',
  )
  .option('--dir <folder>', 'catalog folder', path.join(projectRoot(), 'catalog'))
  .action((opts: { dir: string }) => {
    try {
      const loaded = loadCatalog(opts.dir, { dataHub: HUB_DIRECTORY });
      const stats = loaded.stats;
      // The window staff rules name matters: checked against the catalog just loaded.
      const staff = loadWindowStaffRules(opts.dir, new Set(loaded.matters.map((m) => m.code)));
      console.log(
        `catalog OK: ${stats.departments} departments, ${stats.matters} matters, ${stats.bundles} bundles; ${WINDOW_STAFF_RULES_FILE}: ${staff.grades.length} grades, ${staff.rules.length} points rules`,
      );
      // Not a problem of the YAML, but nothing counts as fetched that is not: say what is asked.
      if (loaded.unconnected.length > 0) {
        console.log(
          `\n${loaded.unconnected.length} materials come from sources the data hub does not connect; they are asked from the applicant (upload or original at the window) and do not count in 无证明:`,
        );
        for (const m of loaded.unconnected)
          console.log(
            `  ${m.material} (${m.name.zh}) ${m.source}/${m.item} not connected; asked in ${m.matters.join(', ')}`,
          );
      }
    } catch (error) {
      if (error instanceof CatalogError) {
        console.error(error.message);
        process.exit(1);
      }
      throw error;
    }
  });

const applications = program.command('applications').description('applications (办件)');
applications
  .command('show <receiptNo>')
  .description('print an application by receipt number: status, tasks, deadlines and history')
  .option('--json', 'print the whole application as JSON')
  .action(async (receiptNo: string, opts: { json?: boolean }) => {
    const app = await createApp(config());
    try {
      const view = await app.services.cases.getByReceipt('system', receiptNo);
      if (opts.json) {
        console.log(JSON.stringify(view, null, 2));
        return;
      }
      console.log(`${view.receiptNo}  ${view.subject.name.zh} / ${view.subject.name.en}`);
      console.log(
        `  status ${view.status}  channel ${view.channel}  applicant ${view.applicant.name ?? '-'} ${view.applicant.maskedIdNumber ?? view.applicant.creditCode ?? view.applicant.department ?? ''}`,
      );
      console.log(
        `  accepted ${view.acceptedAt ?? '-'}  due ${view.dueAt ?? '-'}  completed ${view.completedAt ?? '-'}  alert ${view.alert}`,
      );
      for (const t of view.tasks)
        console.log(
          `  task ${t.step.padEnd(16)} ${t.department.padEnd(10)} ${t.status.padEnd(10)} due ${t.dueAt ?? '-'}`,
        );
      for (const a of view.actions)
        console.log(`  #${String(a.seq).padStart(3)} ${a.at} ${a.actorRole.padEnd(10)} ${a.type}`);
    } finally {
      await app.close();
    }
  });

const calendarCmd = program.command('calendar').description('the working-day calendar');
calendarCmd
  .command('add-year <file>')
  .description(
    "load a year's official holidays and make-up working days into the database (JSON year file; see src/platform/calendar/data and docs/calendar.md); open deadlines that counted on the provisional year are recomputed",
  )
  .option('--replace', 'replace a year already added')
  .action(async (file: string, opts: { replace?: boolean }) => {
    const text = fs.readFileSync(file, 'utf8');
    const app = await createApp(config());
    try {
      const result = await app.addCalendarYear(text, {
        replace: opts.replace ?? false,
        addedBy: `cli:${process.env.USER ?? 'operator'}`,
      });
      console.log(`calendar year ${result.year} added 已载入 (every node reloads within 5 s)`);
      console.log(`deadlines recomputed 重新计算的期限: ${result.recomputed.length}`);
      for (const r of result.recomputed)
        console.log(`  ${r.receiptNo} ${r.kind.padEnd(11)} ${r.oldDue} → ${r.newDue}`);
    } finally {
      await app.close();
    }
  });

const apiKeys = program.command('api-keys').description("API keys of departments' own systems");
apiKeys
  .command('create')
  .description('issue an API key for a department system (shown once)')
  .requiredOption('--department <code>', 'department code')
  .requiredOption('--name <name>', 'what the key is for')
  .action(async (opts: { department: string; name: string }) => {
    const app = await createApp(config());
    try {
      const created = await app.services.identity.createApiKey(opts.department, opts.name);
      console.log(`API key for ${created.username} (shown once): ${created.key}`);
    } finally {
      await app.close();
    }
  });

registerLedgerCommands(program, { config, createApp });
registerPopulationCommand(program, { config, createApp });
registerCredentialsCommands(program, { config, createApp });
registerSimulateCommand(program, { config, createApp });

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`onetrip: ${message}`);
  process.exit(1);
});
