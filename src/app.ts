import path from 'node:path';
import type { Kysely } from 'kysely';
import { createTrackService, registerTrackRoutes } from './modules/track/index.js';
import { migrations } from '../migrations/index.js';
import { systemClock, type Clock } from './platform/clock/index.js';
import type { Config } from './platform/config/index.js';
import { createSecretBox } from './platform/crypto/index.js';
import {
  migrateToLatest,
  openDatabase,
  type DatabaseHandle,
  type DatabaseTarget,
} from './platform/db/index.js';
import { buildServer, type HttpServer } from './platform/http/index.js';
import { randomIds, type IdGenerator } from './platform/ids/index.js';
import { createLogger, type Logger } from './platform/logging/index.js';
import { projectRoot, projectVersion } from './platform/paths/index.js';
import {
  createIdentityRepo,
  createIdentityService,
  createRegistryService,
  registerIdentityRoutes,
} from './modules/identity/index.js';
import { createFilesRepo, createFilesService, registerFilesRoutes } from './modules/files/index.js';
import { createFsBlobStore } from './platform/files/index.js';
import { seedDemo, type DemoLogin } from './demo/index.js';
import {
  createCalendarRepo,
  createCalendarStore,
  type CalendarStore,
  registerCalendarRoutes,
  type WorkingCalendar,
} from './platform/calendar/index.js';
import { createJobRunner, type JobRunner } from './platform/jobs/index.js';
import {
  createCatalogService,
  loadCatalog,
  registerCatalogRoutes,
  validateForm,
  type CatalogService,
} from './modules/catalog/index.js';
import {
  createCaseFlow,
  createFollowUpsService,
  registerFollowUpsRoutes,
  createCaseWriter,
  createCasesRepo,
  createHandOverRepo,
  createHandOverService,
  registerHandOverRoutes,
  createCasesService,
  createDraftsRepo,
  createDraftsService,
  registerDraftsRoutes,
  createIntakeService,
  createTasksService,
  createWatchService,
  createDeadlinesService,
  type DeadlinesService,
  type RecomputedDeadline,
  definitionFromGuide,
  registerCasesRoutes,
  countyClaims,
  type CaseDefinition,
  type CaseEventsPort,
  type CaseLedgerPort,
} from './modules/cases/index.js';
import {
  createWebhooksRepo,
  createWebhooksService,
  registerWebhooksRoutes,
} from './modules/webhooks/index.js';
import {
  createNotificationsRepo,
  createNotificationsService,
  loggingMessenger,
  registerNotificationsRoutes,
  type OutboundMessenger,
} from './modules/notifications/index.js';
import {
  createLedgerService,
  ledgerOrigin,
  registerLedgerRoutes,
  type LedgerService,
} from './modules/ledger/index.js';
import {
  createDocumentsService,
  locateCjkFont,
  registerDocumentsRoutes,
} from './modules/documents/index.js';
import {
  accessIndexCheck,
  assembleDatahub,
  HUB_DIRECTORY,
  registerDatahubRoutes,
  type Datahub,
  type DataSource,
} from './modules/datahub/index.js';
import { maskIdNumber } from './modules/identity/index.js';
import {
  assembleCredentials,
  type Credentials,
  type ExternalCredentialSigner,
} from './modules/credentials/index.js';
import {
  assembleInterDepartment,
  assembleMetrics,
  assembleWindowStaff,
  type InterDepartment,
  type Metrics,
  type SupervisionDeps,
  type WindowStaff,
} from './modules/supervision/index.js';
import { hostname } from 'node:os';
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
  /** Another catalog folder than the shipped `catalog/`. */
  catalogDir?: string;
  /** Where SMS and e-mail go (the logging adapter by default). */
  messenger?: OutboundMessenger;
  /** Outbound HTTP for webhooks (tests). */
  post?: import('./modules/webhooks/index.js').PostFn;
  /** Source adapters replacing the built-in one, by source code (a department's HTTP API; tests). */
  datahubSources?: Record<string, DataSource>;
  /** Issuer keys kept outside the platform (an HSM), by department (docs/credentials.md). */
  credentialSigners?: Record<string, ExternalCredentialSigner>;
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
    catalog: CatalogService;
    calendar: WorkingCalendar;
    calendarStore: CalendarStore;
    deadlines: DeadlinesService;
    cases: ReturnType<typeof createCasesService>;
    handOver: ReturnType<typeof createHandOverService>;
    intake: ReturnType<typeof createIntakeService>;
    tasks: ReturnType<typeof createTasksService>;
    watch: ReturnType<typeof createWatchService>;
    followUps: ReturnType<typeof createFollowUpsService>;
    webhooks: ReturnType<typeof createWebhooksService>;
    notifications: ReturnType<typeof createNotificationsService>;
    drafts: ReturnType<typeof createDraftsService>;
    ledger: LedgerService;
    jobs: JobRunner;
    datahub: Datahub;
    credentials: Credentials;
    metrics: Metrics;
    windowStaff: WindowStaff;
    interDepartment: InterDepartment;
  };
  /** Starts the background jobs (deadline watch, webhook deliveries, ledger checkpoints). */
  startJobs(): void;
  /** Loads a year's official notice and recomputes the open deadlines that counted on it provisionally. */
  addCalendarYear(
    json: unknown,
    opts: { replace?: boolean; addedBy: string },
  ): Promise<{ year: number; recomputed: RecomputedDeadline[] }>;
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
    overrides.logger ??
    createLogger({
      level: config.logLevel,
      pretty: config.env === 'development' && process.stdout.isTTY,
    });
  const target = overrides.database ?? databaseTarget(config);
  const handle = openDatabase<Database>(target);
  try {
    await migrateToLatest(
      handle.db,
      migrations,
      target.kind === 'postgres' ? target.schema : undefined,
    );
  } catch (error) {
    await handle.destroy();
    throw error;
  }
  const root = projectRoot();
  // Checked against the data hub: declared fields exist, unconnected sources are asked for.
  const catalogDir = overrides.catalogDir ?? path.join(root, 'catalog');
  const catalogData = loadCatalog(catalogDir, {
    dataHub: HUB_DIRECTORY,
  });
  const catalog = createCatalogService({ catalog: catalogData });
  const departments = catalog.listDepartments().map((d) => ({ code: d.code, name: d.name.zh }));
  // The calendar lives in the database: every node reloads it when a year is added anywhere.
  const calendarStore = await createCalendarStore({
    repo: createCalendarRepo(handle.db),
    clock,
  });
  const calendar = calendarStore.calendar;

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
  // The PDF font is a fact of the machine, not of the configuration: ONETRIP_PDF_FONT or Noto CJK.
  const fonts = locateCjkFont({
    ONETRIP_PDF_FONT: config.pdfFonts.regular,
    ONETRIP_PDF_FONT_BOLD: config.pdfFonts.bold,
  });
  // Supervision (效能监察) reads the case engine's history: metrics, window staff, Lishui.
  const supervisionDeps: SupervisionDeps = {
    ...{ db: handle.db, dialect: handle.dialect, clock, ids, logger, calendar, catalogDir, fonts },
    catalog: catalogData,
    staff: { displayNames: (accountIds) => identity.displayNames(accountIds) },
    publicUrl: config.publicUrl,
  };
  const metrics = assembleMetrics(supervisionDeps);
  const windowStaff = assembleWindowStaff(supervisionDeps);
  const interDepartment = assembleInterDepartment(supervisionDeps);
  // Clerks' look-ups of persons are reads of personal data: in the person's access log and the
  // ledger, through the data hub (created below; called only by requests).
  const registry = createRegistryService({
    repo: identityRepo,
    clock,
    ids,
    recordAccess: (tx, access) => datahub.service.recordLookup(tx, access),
  });
  const secretBox = createSecretBox(config.secrets.session, 'webhook-secret');
  const webhooks = createWebhooksService({
    repo: createWebhooksRepo(handle.db, handle.dialect),
    clock,
    ids,
    secretBox,
    logger,
    post: overrides.post,
  });
  const casesRepo = createCasesRepo(handle.db, handle.dialect);
  const ledger = createLedgerService({
    db: handle.db,
    dialect: handle.dialect,
    clock,
    ids,
    hmacSecret: config.secrets.hmac,
    secretBox: createSecretBox(config.secrets.session, 'ledger-key'),
    origin: ledgerOrigin(config.publicUrl),
    logger,
  });
  ledger.registerIndex(accessIndexCheck(handle.db));
  const ledgerPort: CaseLedgerPort = {
    append: (tx, entry) => ledger.append(tx, { type: 'case', ...entry }),
  };
  const notifications = createNotificationsService({
    repo: createNotificationsRepo(handle.db),
    clock,
    ids,
    messenger: overrides.messenger ?? loggingMessenger(logger),
  });
  const events: CaseEventsPort = {
    async emit(tx, event) {
      await webhooks.emit(tx, event);
      await notifications.emit(tx, event);
      await credentials.onCaseEvent(tx, event);
    },
  };
  const writer = createCaseWriter({
    ...{ clock, ids, ledger: ledgerPort, events, registry },
    touched: (tx, applicationId) => metrics.touched(tx, applicationId),
  });
  const caseCalendar = {
    due: (from: Date, limit: CaseDefinition['promisedLimit']) =>
      'workingDays' in limit
        ? calendar.addWorkingDays(from, limit.workingDays)
        : calendar.addWorkingHours(from, limit.workingHours),
    workingMillisBetween: (from: Date, to: Date) => calendar.workingMillisBetween(from, to),
    addWorkingMillis: (from: Date, ms: number) => calendar.addWorkingMillis(from, ms),
    addWorkingDays: (from: Date, days: number) => calendar.addWorkingDays(from, days),
    provisionalYears: (from: Date, to: Date) => calendar.provisionalYearsBetween(from, to),
  };
  // Follow-ups belong to a person: the department's lead unless someone is named.
  const followUps = createFollowUpsService({
    repo: casesRepo,
    clock,
    ids,
    writer,
    staff: {
      leadOf: async (department, tx) =>
        (await identity.staffWithRole('lead', department, tx))[0] ?? null,
      displayNames: (accountIds) => identity.displayNames(accountIds),
    },
  });
  const flow = createCaseFlow({ clock, ids, calendar: caseCalendar, writer, followUps });
  const definitions = new Map<string, CaseDefinition | undefined>();
  const caseCatalog = {
    definition(kind: 'matter' | 'bundle', code: string): CaseDefinition | undefined {
      // The loaded catalog does not change while the process runs: freeze each definition once.
      const key = `${kind}:${code}`;
      if (!definitions.has(key)) {
        const guide = kind === 'bundle' ? catalogData.bundle(code) : catalogData.matter(code);
        definitions.set(key, guide ? definitionFromGuide(kind, guide) : undefined);
      }
      return definitions.get(key);
    },
    validateForm: (def: CaseDefinition, form: Record<string, unknown>) =>
      validateForm(def.form as unknown as Parameters<typeof validateForm>[0], form, {
        today: clock.now(),
      }),
  };
  // The data hub (公共数据平台): materials it holds are fetched at submission, not asked for.
  const datahub = assembleDatahub({
    db: handle.db,
    clock,
    ids,
    ledger,
    hmacSecret: config.secrets.hmac,
    applications: casesRepo,
    registry,
    catalog: caseCatalog,
    guides: () => ({
      matters: catalogData.searchMatters().flatMap((m) => catalogData.matter(m.code) ?? []),
      bundles: catalogData.searchBundles().flatMap((b) => catalogData.bundle(b.code) ?? []),
    }),
    departmentName: (code) => departments.find((d) => d.code === code)?.name,
    sources: overrides.datahubSources,
    logger,
  });
  // E-credentials (电子证照): issued in the transaction that completes an application.
  const credentials = assembleCredentials({
    ...{ db: handle.db, dialect: handle.dialect, clock, ids, config, ledger, logger, datahub },
    catalog: catalogData,
    datahubSources: overrides.datahubSources,
    externalSigners: overrides.credentialSigners,
  });
  const files = createFilesService({
    repo: createFilesRepo(handle.db),
    blobs: createFsBlobStore(path.join(config.dataDir, 'files')),
    clock,
    ids,
    maxBytes: config.maxUploadBytes,
    holders: casesRepo,
    reads: datahub.service,
  });

  const intake = createIntakeService({
    repo: casesRepo,
    clock,
    ids,
    catalog: caseCatalog,
    registry,
    files,
    writer,
    flow,
    datahub: datahub.port,
    staff: { displayNames: (accountIds) => identity.displayNames(accountIds) },
    windowGrades: windowStaff.intakeGrades,
  });
  const drafts = createDraftsService({
    repo: createDraftsRepo(handle.db),
    clock,
    catalog: caseCatalog,
  });
  // Claims the reviewer did not give: credit codes of companies registered in Nanhu (330402).
  const generateClaim = countyClaims('330402');
  const tasks = createTasksService({ repo: casesRepo, clock, ids, writer, flow, generateClaim });
  const cases = createCasesService({
    repo: casesRepo,
    clock,
    ids,
    calendar: caseCalendar,
    writer,
    registry,
    mask: maskIdNumber,
    followUps,
  });
  // 统一出件: clerks find and hand over any completed application; persons shown are recorded.
  const handOver = createHandOverService({
    repo: casesRepo,
    search: createHandOverRepo(handle.db),
    writer,
    cases,
    registry,
    staff: { displayNames: (accountIds) => identity.displayNames(accountIds) },
    mask: maskIdNumber,
  });
  const track = createTrackService({
    secret: config.secrets.hmac,
    application: (receiptNo) => cases.getByReceipt('system', receiptNo),
  });
  const documents = createDocumentsService({
    cases,
    clock,
    publicUrl: config.publicUrl,
    trackKey: track.keyOf,
    ...fonts,
    departmentName: (code) => catalog.listDepartments().find((d) => d.code === code)?.name,
    outputNames: (matter) => catalogData.matter(matter)?.outputs.map((o) => o.name) ?? [],
    paperCopy: (id, account) => credentials.paperCopy(id, account),
  });
  const deadlines = createDeadlinesService({ repo: casesRepo, writer, clock });
  const watch = createWatchService({
    repo: casesRepo,
    clock,
    calendar: caseCalendar,
    writer,
    followUps,
  });
  const jobs = createJobRunner({
    db: handle.db,
    dialect: handle.dialect,
    clock,
    logger,
    node: `${hostname()}:${process.pid}`,
  });

  const server = await buildServer({
    logger,
    auth: identity,
    ping: () => handle.ping(),
    publicUrl: config.publicUrl,
    webRoot: path.join(root, 'web', 'dist'),
    secureCookies: config.publicUrl.startsWith('https://'),
    bodyLimitBytes: 1024 * 1024,
    version: projectVersion(),
    // The ledger key the page pins; without it (database down) the page still loads and says so.
    pageMeta: async () =>
      ledger.verifierKey().then(
        (k) => ({ 'onetrip-ledger-key': k.verifierKey }),
        () => ({}),
      ),
  });
  registerIdentityRoutes(server, {
    identity,
    registry,
    secureCookies: config.publicUrl.startsWith('https://'),
    sessionHours: config.sessionHours,
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
  });
  await registerFilesRoutes(server, { files });
  registerCatalogRoutes(server, { catalog });
  registerTrackRoutes(server, { track });
  registerCalendarRoutes(server, { calendar, status: () => calendarStore.status() });
  registerCasesRoutes(server, { cases, intake, tasks });
  registerHandOverRoutes(server, { handOver });
  registerFollowUpsRoutes(server, { followUps, dueProvisional: tasks.dueProvisional });
  registerDocumentsRoutes(server, { documents });
  registerDraftsRoutes(server, { drafts });
  registerNotificationsRoutes(server, { notifications });
  registerWebhooksRoutes(server, { webhooks });
  registerLedgerRoutes(server, { ledger, applications: cases });
  registerDatahubRoutes(server, {
    datahub: datahub.service,
    requests: datahub.requests,
    proofs: datahub.proofs,
    stats: datahub.stats,
  });
  credentials.register(server);
  metrics.register(server);
  windowStaff.register(server);
  interDepartment.register(server);

  let calendarRefresh: NodeJS.Timeout | undefined;
  return {
    server,
    db: handle.db,
    dialect: handle.dialect,
    config,
    services: {
      identity,
      registry,
      files,
      catalog,
      calendar,
      calendarStore,
      cases,
      handOver,
      intake,
      tasks,
      watch,
      followUps,
      deadlines,
      webhooks,
      notifications,
      drafts,
      ledger,
      jobs,
      datahub,
      credentials,
      metrics,
      windowStaff,
      interDepartment,
    },
    /**
     * `onetrip calendar add-year`: stores a year's official notice, then moves every open
     * deadline that counted on its provisional calendar, recording each move in its history.
     */
    async addCalendarYear(json: unknown, opts: { replace?: boolean; addedBy: string }) {
      const added = await calendarStore.addYear(json, opts);
      const notice = added.after.yearInfo(added.year)?.sources[0]?.title ?? `${added.year}`;
      const recomputed = await deadlines.recompute({
        year: added.year,
        before: added.before,
        after: added.after,
        reason: notice,
      });
      return { year: added.year, recomputed };
    },
    seedDemo: async () => {
      const logins = await seedDemo({ identity, registry, departments });
      await datahub.seedDemo();
      for (const part of [metrics, windowStaff, interDepartment]) await part.seedDemo();
      return logins;
    },
    startJobs() {
      // The missing-notice warning goes to the log at start and once a day while it stands.
      const warnCalendar = () => {
        const status = calendarStore.warningToLog();
        if (status?.warning) logger.warn({ calendar: status }, status.warning.en);
      };
      warnCalendar();
      // Every node reloads (not a claimed job): each needs the added year itself.
      calendarRefresh ??= setInterval(() => {
        calendarStore
          .refresh()
          .then(warnCalendar)
          .catch((error: unknown) => {
            logger.error({ err: error }, 'calendar reload failed; keeping the loaded years');
          });
      }, 5_000);
      calendarRefresh.unref();
      jobs.start([
        { name: 'deadline-watch', everyMs: 60_000, run: async () => void (await watch.tick()) },
        {
          name: 'webhook-deliveries',
          everyMs: 5_000,
          run: async () => void (await webhooks.deliverDue()),
        },
        {
          name: 'ledger-checkpoint',
          everyMs: 3_000,
          run: async () => void (await ledger.checkpoint()),
        },
        ...metrics.jobs,
        ...windowStaff.jobs,
        ...interDepartment.jobs,
      ]);
    },
    async close() {
      if (calendarRefresh) clearInterval(calendarRefresh);
      jobs.stop();
      await server.close();
      await handle.destroy();
    },
  };
}
