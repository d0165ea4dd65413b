import type { Kysely } from 'kysely';
import type { HttpServer } from '../../platform/http/index.js';
import type { PeriodicJob } from '../../platform/jobs/index.js';
import type { Database } from '../../schema.js';
import { createMetricsRepo } from './metrics.repo.js';
import { registerMetricsRoutes } from './metrics.routes.js';
import { createMetricsService } from './metrics.service.js';
import type { SupervisionDeps } from './supervision.deps.js';

/**
 * The supervision metrics: `touched` is called by the case writer in the transaction of every
 * action and marks the application dirty; `refresh` (every 2 s, and before every dashboard
 * read) refolds the dirty applications into the rollups the dashboards read.
 */
export function assembleMetrics(deps: SupervisionDeps) {
  const repo = createMetricsRepo(deps.db, deps.dialect);
  const service = createMetricsService({ ...deps, repo });
  return {
    /** Marks the application dirty in the action's transaction (one statement). */
    async touched(tx: Kysely<Database>, applicationId: string): Promise<void> {
      await service.touched(tx, applicationId);
    },
    /** Folds every dirty application into the rollups; returns how many were folded. */
    refresh: () => service.refresh(),
    /** The dashboards' queries (tests, the simulation's summary). */
    service,
    /** The repository (the benchmark feeds synthetic contributions through it). */
    repo,
    register(server: HttpServer): void {
      registerMetricsRoutes(server, { metrics: service });
    },
    /** Background jobs the app starts with the others. */
    jobs: [
      {
        name: 'supervision-metrics-refresh',
        everyMs: 2_000,
        run: async () => void (await service.refresh()),
      },
    ] as PeriodicJob[],
    /** Demo data of this part (idempotent): nothing of its own; the figures come from the history. */
    async seedDemo(): Promise<void> {},
  };
}

export type Metrics = ReturnType<typeof assembleMetrics>;
