import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import type { DatabaseHandle } from '../../platform/db/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Logger } from '../../platform/logging/index.js';
import type { WorkingCalendar } from '../../platform/calendar/index.js';
import type { Catalog } from '../../modules/catalog/index.js';
import type { Database } from '../../schema.js';

/**
 * What the supervision parts are given by the composition root. Supervision reads the
 * action history, tasks, ratings and follow-ups of the case engine (never typed-in figures);
 * staff are found through `staff`.
 */
export interface SupervisionDeps {
  db: Kysely<Database>;
  dialect: DatabaseHandle<Database>['dialect'];
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  calendar: WorkingCalendar;
  /** The loaded catalog (matters, bundles, departments, the window-staff rules). */
  catalog: Catalog;
  /** Where the catalog's YAML lives (the window-staff rules file is read from it). */
  catalogDir: string;
  staff: {
    /** Display names of accounts, by id. */
    displayNames(accountIds: string[]): Promise<Map<string, string>>;
  };
  /** The CJK fonts for PDFs (the public monthly report). */
  fonts: { fontPath?: string; boldFontPath?: string };
  publicUrl: string;
}
