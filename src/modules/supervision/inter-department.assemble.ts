import type { HttpServer } from '../../platform/http/index.js';
import type { PeriodicJob } from '../../platform/jobs/index.js';
import { createInterDepartmentRepo } from './inter-department.repo.js';
import { createReportPrinter } from './inter-department.report.js';
import { registerInterDepartmentRoutes } from './inter-department.routes.js';
import { createInterDepartmentService } from './inter-department.service.js';
import type { SupervisionDeps } from './supervision.deps.js';

/**
 * Inter-department matters (部门间办事, Lishui): the board of what departments ask of each
 * other, first-inquiry responsibility (首问负责: the case engine's watch gives an escalation
 * to the first-inquiry department's lead; the board lists them) and the public monthly report.
 */
export function assembleInterDepartment(deps: SupervisionDeps) {
  const service = createInterDepartmentService({
    repo: createInterDepartmentRepo(deps.db),
    clock: deps.clock,
    calendar: deps.calendar,
    catalog: deps.catalog,
    staff: deps.staff,
  });
  const print = createReportPrinter(deps.fonts);
  return {
    service,
    /** Prints a month's public report (PDF bytes). */
    async report(month: string): Promise<Buffer> {
      return print(await service.monthly(month), deps.clock.now());
    },
    register(server: HttpServer): void {
      registerInterDepartmentRoutes(server, { service, print, clock: deps.clock });
    },
    /** Background jobs the app starts with the others: none, every figure is read live. */
    jobs: [] as PeriodicJob[],
    /** Demo data of this part (idempotent): none of its own, the case tables are read. */
    async seedDemo(): Promise<void> {},
  };
}

export type InterDepartment = ReturnType<typeof assembleInterDepartment>;
