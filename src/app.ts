import path from 'node:path';
import type { Kysely } from 'kysely';
import { migrations } from '../migrations/index.js';
import { systemClock, type Clock } from './platform/clock/index.js';
import type { Config } from './platform/config/index.js';
import { createSecretBox } from './platform/crypto/index.js';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DatabaseTarget } from './platform/db/index.js';
import { buildServer, type HttpServer } from './platform/http/index.js';
import { randomIds, type IdGenerator } from './platform/ids/index.js';
import { createLogger, type Logger } from './platform/logging/index.js';
import { projectRoot, projectVersion } from './platform/paths.js';
import {
  createIdentityRepo,
  createIdentityService,
  createRegistryService,
  registerIdentityRoutes,
} from './modules/identity/index.js';
import { createFilesRepo, createFilesService, registerFilesRoutes } from './modules/files/index.js';
import { createFsBlobStore } from './platform/files/index.js';
import { seedDemo, type DemoLogin } from './demo/index.js';
import type { Database } from './schema.js';

/** What the composition root may be given instead of the defaults (tests pass fakes here). */
export interface AppOverrides {
  clock?: Clock;
  ids?: IdGenerator;
  logger?: Logger;
  /** Another database target than the config's (a test schema). */
  database?: DatabaseTarget;
  /** scrypt cost (log2 N) for passwords. */
  passwordLogN?: number;
}

/** The assembled platform: the HTTP server, the services, and a way to stop everything. */
export interface App {
  server: HttpServer;
  db: Kysely<Database>;
  dialect: DatabaseHandle<Database>['dialect'];
  config: Config;
  services: {
    identity: ReturnType<typeof createIdentityService>;
    registry: ReturnType<typeof createRegistryService>;
    files: ReturnType<typeof createFilesService>;
  };
  /** Seeds demo data (idempotent) and returns the demo logins. */
  seedDemo(): Promise<DemoLogin[]>;
  close(): Promise<void>;
}

/** Where the database of a configuration lives. */
export function databaseTarget(config: Config): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'sqlite', file: path.join(config.dataDir, 'onetrip.sqlite') };
}

/**
 * The composition root: opens and migrates the database, builds repositories, services and
 * routes, and returns the app ready to listen. Nothing else wires modules together.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? randomIds;
  const logger =
    overrides.logger ?? createLogger({ level: config.logLevel, pretty: config.env === 'development' && process.stdout.isTTY });
  const handle = openDatabase<Database>(overrides.database ?? databaseTarget(config));
  try {
    await migrateToLatest(handle.db, migrations);
  } catch (error) {
    await handle.destroy();
    throw error;
  }
  const root = projectRoot();
  const departments: { code: string; name: string }[] = [];

  const identityRepo = createIdentityRepo(handle.db);
  const identity = createIdentityService({
    repo: identityRepo,
    clock,
    ids,
    secretBox: createSecretBox(config.secrets.session, 'totp-seed'),
    sessionHours: config.sessionHours,
    passwordLogN: overrides.passwordLogN,
    departmentName: (code) => departments.find((d) => d.code === code)?.name,
  });
  const registry = createRegistryService({ repo: identityRepo, clock, ids });
  const files = createFilesService({
    repo: createFilesRepo(handle.db),
    blobs: createFsBlobStore(path.join(config.dataDir, 'files')),
    clock,
    ids,
    maxBytes: config.maxUploadBytes,
  });

  const server = await buildServer({
    logger,
    auth: identity,
    ping: handle.ping,
    publicUrl: config.publicUrl,
    webRoot: path.join(root, 'web', 'dist'),
    secureCookies: config.publicUrl.startsWith('https://'),
    bodyLimitBytes: 1024 * 1024,
    version: projectVersion(),
  });
  registerIdentityRoutes(server, {
    identity,
    secureCookies: config.publicUrl.startsWith('https://'),
    sessionHours: config.sessionHours,
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
  });
  await registerFilesRoutes(server, { files });

  return {
    server,
    db: handle.db,
    dialect: handle.dialect,
    config,
    services: { identity, registry, files },
    seedDemo: () => seedDemo({ identity, registry, departments }),
    async close() {
      await server.close();
      await handle.destroy();
    },
  };
}
