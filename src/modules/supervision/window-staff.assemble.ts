import type { HttpServer } from '../../platform/http/index.js';
import type { PeriodicJob } from '../../platform/jobs/index.js';
import type { SupervisionDeps } from './supervision.deps.js';

/** Window staff grades and points (Taizhou) — placeholder, filled in by #13. */
export function assembleWindowStaff(_deps: SupervisionDeps) {
  return {
    register(_server: HttpServer): void {},
    /** Background jobs the app starts with the others. */
    jobs: [] as PeriodicJob[],
    /** Demo data of this part (idempotent), seeded with the demo accounts. */
    async seedDemo(): Promise<void> {},
  };
}

export type WindowStaff = ReturnType<typeof assembleWindowStaff>;
