import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Database } from '../../schema.js';
import { subjectRef, type LedgerService } from '../ledger/index.js';
import { DATA_SOURCES } from './datahub.items.js';
import { createDatahubRepo } from './datahub.repo.js';
import { createDatahubRequestsService } from './datahub.requests.js';
import {
  createDatahubService,
  type DatahubDeps,
  type PurposeApplicationsPort,
} from './datahub.service.js';
import { builtinSource, type DataSource } from './datahub.sources.js';
import { noProofStats, type StatsGuide } from './datahub.stats.js';
import { seedDatahubDemo } from './datahub.demo.js';
import { ed25519JwsSigner } from './datahub.jws.js';
import type { Logger } from '../../platform/logging/index.js';
import { createProofsService } from './datahub.proofs.js';

/**
 * Builds the data hub for the composition root: the built-in adapter for every source unless
 * `sources` replaces one (a department's HTTP API), the services and what the routes need.
 */
export function assembleDatahub(deps: {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  ledger: LedgerService;
  hmacSecret: string;
  /** Not read any more (the purpose check is one statement of the data hub's repository); kept so the composition root's call stays valid. */
  applications?: PurposeApplicationsPort;
  registry: DatahubDeps['registry'] & {
    personById(id: string): Promise<{ id_number: string; name: string } | undefined>;
    organizationById(id: string): Promise<{ credit_code: string; name: string } | undefined>;
  };
  catalog: DatahubDeps['catalog'];
  guides: () => { matters: StatsGuide[]; bundles: StatsGuide[] };
  departmentName?: (code: string) => string | undefined;
  sources?: Record<string, DataSource>;
  /** Where e-proof verifications are logged (never with their code). */
  logger?: Pick<Logger, 'info' | 'warn'>;
}) {
  const repo = createDatahubRepo(deps.db);
  const builtin = builtinSource(repo);
  const adapters = new Map<string, DataSource>(
    DATA_SOURCES.map((s) => [s.code, deps.sources?.[s.code] ?? builtin]),
  );
  const ref = (key: string) => subjectRef(deps.hmacSecret, key);
  const service = createDatahubService({
    repo,
    clock: deps.clock,
    ids: deps.ids,
    ledger: deps.ledger,
    subjectRef: ref,
    sources: (code) => adapters.get(code),
    registry: deps.registry,
    catalog: deps.catalog,
    departmentName: deps.departmentName,
  });
  const requests = createDatahubRequestsService({
    repo,
    clock: deps.clock,
    ids: deps.ids,
    ledger: deps.ledger,
    subjectRef: ref,
    datahub: service,
    registry: deps.registry,
  });
  const proofs = createProofsService({
    repo,
    clock: deps.clock,
    ids: deps.ids,
    signer: ed25519JwsSigner(deps.hmacSecret),
    sources: (code) => adapters.get(code),
    subjectRef: ref,
    registry: deps.registry,
    datahub: service,
    logger: deps.logger,
  });
  let stats: ReturnType<typeof noProofStats> | undefined;
  return {
    repo,
    service,
    requests,
    proofs,
    /** The case engine's port. */
    port: service.port,
    /** The 无证明 count of the loaded catalog (computed once: the catalog does not change while running). */
    stats: () => (stats ??= noProofStats(deps.guides())),
    /** Seeds the demo families' source records. */
    seedDemo: () => seedDatahubDemo(repo, deps.clock.now()),
  };
}

/** The assembled data hub. */
export type Datahub = ReturnType<typeof assembleDatahub>;
