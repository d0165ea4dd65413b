import type { HttpServer } from '../../platform/http/index.js';
import type { PeriodicJob } from '../../platform/jobs/index.js';
import type { SupervisionDeps } from './supervision.deps.js';
import { chinaMonth } from './points.js';
import { createWindowStaffRepo } from './window-staff.repo.js';
import { registerWindowStaffRoutes } from './window-staff.routes.js';
import { loadWindowStaffRules } from './window-staff.rules.js';
import { createWindowStaffService } from './window-staff.service.js';

const RECOMPUTE_EVERY_MS = 10 * 60_000;

/**
 * Window staff grades and points (Taizhou 四制四化, CASES.md case 6). The rules are read from
 * the catalog folder at start-up (a bad file stops the start with every problem listed).
 */
export function assembleWindowStaff(deps: SupervisionDeps) {
  const rules = loadWindowStaffRules(
    deps.catalogDir,
    new Set(deps.catalog.matters.map((m) => m.code)),
  );
  const service = createWindowStaffService({
    repo: createWindowStaffRepo(deps.db),
    rules,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    matterName: (code) => deps.catalog.matter(code)?.name,
    displayNames: (ids) => deps.staff.displayNames(ids),
  });
  return {
    service,
    /** What intake asks before a clerk's window application is kept (grades, 考级). */
    intakeGrades: {
      assertMayAccept: (clerk: string, matters: string[]) =>
        service.assertMayAccept(clerk, matters),
    },
    register(server: HttpServer): void {
      registerWindowStaffRoutes(server, { windowStaff: service });
    },
    /** Background jobs the app starts with the others: the current month's ledger kept fresh. */
    jobs: [
      {
        name: 'window-staff-points',
        everyMs: RECOMPUTE_EVERY_MS,
        run: async () => {
          const now = deps.clock.now();
          await service.recompute(chinaMonth(now));
          // The first hours of a month still settle the last one.
          const before = chinaMonth(new Date(now.getTime() - 2 * 3600_000));
          if (before !== chinaMonth(now)) await service.recompute(before);
        },
      },
    ] as PeriodicJob[],
    /** Demo data of this part (idempotent), seeded with the demo accounts. */
    async seedDemo(): Promise<void> {
      await service.seedDemo();
    },
  };
}

export type WindowStaff = ReturnType<typeof assembleWindowStaff>;
