import type { Command } from 'commander';
import type { App } from '../app.js';
import type { Config } from '../platform/config/index.js';

// `onetrip credentials …`: the issuer keys of the departments (docs/credentials.md).

type Deps = { config: () => Config; createApp: (config: Config) => Promise<App> };

async function withApp<T>(deps: Deps, fn: (app: App) => Promise<T>): Promise<T> {
  const app = await deps.createApp(deps.config());
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** Registers `credentials rotate-key <department>` and `credentials keys`. */
export function registerCredentialsCommands(program: Command, deps: Deps): void {
  const credentials = program
    .command('credentials')
    .description('e-credentials (电子证照): the departments’ issuer keys');

  credentials
    .command('rotate-key')
    .description(
      'make a new issuer key for a department and retire its old one (which stays in the JWKS)',
    )
    .argument('<department>', 'department code of the catalog, e.g. psb')
    .action(async (department: string) => {
      const failed = await withApp(deps, async (app) => {
        if (!app.services.catalog.listDepartments().some((d) => d.code === department)) {
          console.error(`no department ${department} in the catalog 目录中没有该部门`);
          return true;
        }
        const r = await app.services.credentials.keys.rotate(department);
        console.log(`issuer key of ${department} 新签发密钥: ${r.kid}`);
        console.log(
          r.retired
            ? `retired 已停用 (still published in /.well-known/jwks.json): ${r.retired}`
            : 'no earlier key 此前无密钥',
        );
        return false;
      });
      if (failed) process.exitCode = 1;
    });

  credentials
    .command('keys')
    .description('list every issuer key, active and retired')
    .action(async () => {
      await withApp(deps, async (app) => {
        const active = new Set<string>();
        const { keys } = await app.services.credentials.trustList.jwks();
        for (const d of app.services.catalog.listDepartments()) {
          const k = await app.services.credentials.repo.activeKey(d.code);
          if (k) active.add(k.kid);
        }
        for (const k of keys) console.log(`${k.kid}  ${active.has(k.kid) ? 'active' : 'retired'}`);
        if (keys.length === 0) console.log('no issuer keys yet 尚无签发密钥');
      });
    });
}
