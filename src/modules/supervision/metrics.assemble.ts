import type { Kysely } from 'kysely';
import type { HttpServer } from '../../platform/http/index.js';
import type { PeriodicJob } from '../../platform/jobs/index.js';
import type { Database } from '../../schema.js';
import type { SupervisionDeps } from './supervision.deps.js';

/**
 * The supervision metrics (placeholder, filled in by #13): `touched` is called by the case
 * writer in the transaction of every action, so the application's facts are refolded.
 */
export function assembleMetrics(_deps: SupervisionDeps) {
  return {
    async touched(_tx: Kysely<Database>, _applicationId: string): Promise<void> {},
    register(_server: HttpServer): void {},
    /** Background jobs the app starts with the others. */
    jobs: [] as PeriodicJob[],
    /** Demo data of this part (idempotent), seeded with the demo accounts. */
    async seedDemo(): Promise<void> {},
  };
}

export type Metrics = ReturnType<typeof assembleMetrics>;
