import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../platform/config/index.js';
import { projectVersion } from '../platform/paths.js';
import { createApp } from '../app.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, type DemoLogin } from '../demo/index.js';
import { totpUri } from '../modules/identity/index.js';
import type { StaffRole } from '../platform/http/index.js';

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
  console.log(`\n演示账号 Demo accounts (password 密码: ${DEMO_PASSWORD}; staff TOTP secret 工作人员动态码密钥: ${DEMO_TOTP_SECRET})`);
  const width = Math.max(...logins.map((l) => l.username.length));
  for (const l of logins) console.log(`  ${l.username.padEnd(width)}  ${l.totp ? '[TOTP] ' : '       '}${l.who}`);
}

const program = new Command('onetrip')
  .description('OneTrip (一次办): the at-most-one-trip government services platform')
  .version(projectVersion());

program
  .command('serve')
  .description('migrate, seed demo data when the platform is empty (not in production), and serve HTTP')
  .action(async () => {
    const cfg = config();
    const app = await createApp(cfg);
    let logins: DemoLogin[] | null = null;
    const empty = (await app.services.identity.countAccounts()) === 0;
    if (cfg.demo === 'on' || (cfg.demo === 'auto' && empty)) logins = await app.seedDemo();
    const address = await app.server.listen({ port: cfg.port, host: cfg.host });
    const shown = cfg.host === '127.0.0.1' || cfg.host === '0.0.0.0' ? `http://localhost:${cfg.port}` : address;
    console.log(`\n一次办 OneTrip is running 已启动: ${shown}`);
    console.log(`  database 数据库: ${app.dialect}${app.dialect === 'sqlite' ? ` (${cfg.dataDir})` : ''}`);
    console.log(`  API docs 接口文档: ${shown}/docs`);
    if (logins) printLogins(logins);
    else if (cfg.demo !== 'off') console.log('  (existing data: demo accounts, if seeded before, still use the password above)');
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
      console.error('Demo data is refused in production (NODE_ENV=production). 生产环境不允许演示数据。');
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
  .addOption(new Option('--kind <kind>', 'account kind').choices(['staff', 'person', 'company']).default('staff'))
  .option('--role <role...>', 'staff roles: clerk reviewer supervisor admin judge mediator grid-worker verifier')
  .option('--department <code>', 'department scope of a staff account')
  .option('--id-number <idNumber>', 'resident identity number of a person account')
  .action(async (opts: { username: string; password: string; name: string; kind: 'staff' | 'person' | 'company'; role?: string[]; department?: string; idNumber?: string }) => {
    const app = await createApp(config());
    try {
      const person = opts.idNumber ? await app.services.registry.ensurePerson({ idNumber: opts.idNumber, name: opts.name }) : undefined;
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
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`onetrip: ${message}`);
  process.exit(1);
});
