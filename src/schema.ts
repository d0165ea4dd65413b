import type { CasesTables } from './modules/cases/index.js';
import type { FilesTables } from './modules/files/index.js';
import type { JobTables } from './platform/jobs/index.js';
import type { WebhooksTables } from './modules/webhooks/index.js';
import type { IdentityTables } from './modules/identity/index.js';
import type { LedgerTables } from './modules/ledger/index.js';
import type { NotificationsTables } from './modules/notifications/index.js';
import type { DatahubTables } from './modules/datahub/index.js';
import type { CalendarTables } from './platform/calendar/index.js';
import type { CredentialsTables } from './modules/credentials/credentials.tables.js';
import type {
  InterDepartmentTables,
  SupervisionMetricsTables,
  WindowStaffTables,
} from './modules/supervision/index.js';

/**
 * The whole database as Kysely sees it: the tables of every module, as the migrations in
 * `migrations/` create them. Repositories type their Kysely handle with this.
 */
export type Database = IdentityTables &
  FilesTables &
  CasesTables &
  JobTables &
  WebhooksTables &
  LedgerTables &
  NotificationsTables &
  DatahubTables &
  CalendarTables &
  CredentialsTables &
  SupervisionMetricsTables &
  WindowStaffTables &
  InterDepartmentTables;
