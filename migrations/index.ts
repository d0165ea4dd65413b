import type { Migration } from 'kysely/migration';
import * as m20261201_001_identity from './20261201_001_identity.js';
import * as m20261201_002_files from './20261201_002_files.js';
import * as m20261201_003_cases from './20261201_003_cases.js';
import * as m20261201_004_jobs from './20261201_004_jobs.js';
import * as m20261201_005_api_keys from './20261201_005_api_keys.js';
import * as m20261201_006_webhooks from './20261201_006_webhooks.js';
import * as m20261201_007_ledger from './20261201_007_ledger.js';
import * as m20261201_008_notifications_drafts from './20261201_008_notifications_drafts.js';
import * as m20261201_009_datahub from './20261201_009_datahub.js';
import * as m20261206_012_application_files from './20261206_012_application_files.js';
import * as m20261207_013_calendar_years from './20261207_013_calendar_years.js';
import * as m20261207_014_follow_up_owners from './20261207_014_follow_up_owners.js';
import * as m20261207_015_originals from './20261207_015_originals.js';
import * as m20261207_016_ledger_commitments from './20261207_016_ledger_commitments.js';
import * as m20261207_017_datahub_refusals from './20261207_017_datahub_refusals.js';
import * as m20261207_018_application_consents from './20261207_018_application_consents.js';
import * as m20261207_019_credentials from './20261207_019_credentials.js';
import * as m20261207_020_supervision_metrics from './20261207_020_supervision_metrics.js';
import * as m20261207_021_window_staff from './20261207_021_window_staff.js';
import * as m20261207_022_inter_department from './20261207_022_inter_department.js';
import * as m20261207_023_ledger_tiles from './20261207_023_ledger_tiles.js';
import * as m20261208_024_credentials_receipt from './20261208_024_credentials_receipt.js';

/**
 * Every migration, by name; names sort in the order they run. Never edit a shipped
 * migration: add a new one. Each uses Kysely's schema builder only, so it runs on SQLite
 * and PostgreSQL alike (timestamps are RFC 3339 text, booleans are integers 0/1, JSON is text).
 */
export const migrations: Record<string, Migration> = {
  '20261201_001_identity': m20261201_001_identity,
  '20261201_002_files': m20261201_002_files,
  '20261201_003_cases': m20261201_003_cases,
  '20261201_004_jobs': m20261201_004_jobs,
  '20261201_005_api_keys': m20261201_005_api_keys,
  '20261201_006_webhooks': m20261201_006_webhooks,
  '20261201_007_ledger': m20261201_007_ledger,
  '20261201_008_notifications_drafts': m20261201_008_notifications_drafts,
  '20261201_009_datahub': m20261201_009_datahub,
  '20261206_012_application_files': m20261206_012_application_files,
  '20261207_013_calendar_years': m20261207_013_calendar_years,
  '20261207_014_follow_up_owners': m20261207_014_follow_up_owners,
  '20261207_015_originals': m20261207_015_originals,
  '20261207_016_ledger_commitments': m20261207_016_ledger_commitments,
  '20261207_017_datahub_refusals': m20261207_017_datahub_refusals,
  '20261207_018_application_consents': m20261207_018_application_consents,
  '20261207_019_credentials': m20261207_019_credentials,
  '20261207_020_supervision_metrics': m20261207_020_supervision_metrics,
  '20261207_021_window_staff': m20261207_021_window_staff,
  '20261207_022_inter_department': m20261207_022_inter_department,
  '20261207_023_ledger_tiles': m20261207_023_ledger_tiles,
  '20261208_024_credentials_receipt': m20261208_024_credentials_receipt,
};
