export type { CasesTables } from './cases.tables.js';
export type {
  CaseDefinition,
  DefinitionMaterial,
  DefinitionStep,
  TimeLimit,
} from './case-definition.js';
export type {
  CaseCalendarPort,
  CaseCatalogPort,
  CaseEvent,
  CaseEventsPort,
  CaseFilesPort,
  CaseLedgerEntry,
  CaseLedgerPort,
  CaseRegistryPort,
  CaseStaffPort,
  CaseDatahubPort,
  CaseDatahubFetched,
  CaseDatahubOutcome,
  CaseDatahubRequest,
} from './case-ports.js';
export { createCasesRepo, type CasesRepo } from './cases.repo.js';
export { createCaseWriter } from './case-writer.js';
export { createCaseFlow } from './case-flow.js';
export { createIntakeService, type IntakeService } from './intake.service.js';
export {
  createTasksService,
  serialNumber,
  type TasksService,
  type ClaimGenerator,
} from './tasks.service.js';
export { definitionFromGuide } from './definition-from-guide.js';
export { countyClaims } from './claims.js';
export { createCasesService, type CasesService } from './cases.service.js';
export {
  createWatchService,
  firstInquiryDepartment,
  type WatchService,
  type WatchReport,
} from './watch.service.js';
export {
  createDeadlinesService,
  type CalendarChange,
  type DeadlinesService,
  type RecomputedDeadline,
} from './deadlines.service.js';
export { registerCasesRoutes } from './cases.routes.js';
export { createHandOverRepo } from './hand-over.repo.js';
export {
  createHandOverService,
  type HandOverRegistryPort,
  type HandOverService,
} from './hand-over.service.js';
export { registerHandOverRoutes } from './hand-over.routes.js';
export { createFollowUpsService, type FollowUpsService } from './follow-ups.service.js';
export { registerFollowUpsRoutes } from './follow-ups.routes.js';
export { createDraftsRepo } from './drafts.repo.js';
export { createDraftsService, type DraftsService } from './drafts.service.js';
export { registerDraftsRoutes } from './drafts.routes.js';
