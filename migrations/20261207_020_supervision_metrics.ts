import type { Kysely } from 'kysely';

/**
 * The counter columns of a rollup row, in order (metrics.counters.ts ALL_COLUMNS; a unit
 * test keeps them equal): counts, sums of durations and limits, and a 27-bucket histogram.
 */
export const ROLLUP_COUNTER_COLUMNS = [
  ...['received', 'accepted', 'deficient', 'refused', 'completed', 'rejected', 'settled'],
  ...['dur_n', 'dur_s', 'legal_n', 'legal_days', 'legal_dur_s', 'promised_n', 'promised_s'],
  ...['on_time', 'overdue', 'supplements', 'zero_trip', 'one_trip', 'mat_asked', 'mat_not_asked'],
  ...['datahub', 'r1', 'r2', 'r3', 'r4', 'r5', 'fu_opened', 'fu_closed', 'fu_on_time'],
  ...['open_steps', 'holds_up'],
  ...Array.from({ length: 27 }, (_, i) => `h${String(i).padStart(2, '0')}`),
];
/** Sums of seconds that may exceed 32 bits. */
const BIG = new Set(['dur_s', 'legal_dur_s', 'promised_s']);

/**
 * Supervision metrics (效能监察): dirty marks of applications whose facts changed, each
 * application's stored contribution, the rollups (per day and per month, by dimension) and
 * the indexes the fold reads the case history by.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supervision_dirty')
    .addColumn('application_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('marked_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_dirty_marked_idx')
    .on('supervision_dirty')
    .column('marked_at')
    .execute();
  await db.schema
    .createTable('supervision_contributions')
    .addColumn('application_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('units', 'text', (c) => c.notNull())
    .addColumn('recheck_at', 'varchar(40)')
    .addColumn('folded_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_contributions_recheck_idx')
    .on('supervision_contributions')
    .column('recheck_at')
    .execute();
  let rollups = db.schema
    .createTable('supervision_rollups')
    .addColumn('period', 'varchar(1)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('dim', 'varchar(8)', (c) => c.notNull())
    .addColumn('dept', 'varchar(32)', (c) => c.notNull())
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject', 'varchar(64)', (c) => c.notNull());
  for (const col of ROLLUP_COUNTER_COLUMNS) {
    rollups = rollups.addColumn(col, BIG.has(col) ? 'bigint' : 'integer', (c) =>
      c.notNull().defaultTo(0),
    );
  }
  await rollups
    .addPrimaryKeyConstraint('supervision_rollups_pk', [
      'period',
      'dim',
      'dept',
      'day',
      'key',
      'channel',
      'subject',
    ])
    .execute();
  await db.schema
    .createTable('supervision_state')
    .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('value', 'varchar(64)', (c) => c.notNull())
    .execute();
  // The fold reads one application's rows by application; the overdue list reads by alert.
  await db.schema
    .createIndex('supervision_follow_ups_app_idx')
    .on('follow_ups')
    .column('application_id')
    .execute();
  await db.schema
    .createIndex('supervision_evaluations_app_idx')
    .on('evaluations')
    .column('application_id')
    .execute();
  await db.schema
    .createIndex('supervision_datahub_accesses_app_idx')
    .on('datahub_accesses')
    .column('application_id')
    .execute();
  await db.schema
    .createIndex('supervision_datahub_accesses_at_idx')
    .on('datahub_accesses')
    .columns(['channel', 'at'])
    .execute();
  await db.schema
    .createIndex('supervision_tasks_alert_idx')
    .on('tasks')
    .columns(['alert', 'status'])
    .execute();
}

/** Drops the tables and indexes. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'supervision_tasks_alert_idx',
    'supervision_datahub_accesses_at_idx',
    'supervision_datahub_accesses_app_idx',
    'supervision_evaluations_app_idx',
    'supervision_follow_ups_app_idx',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  for (const t of [
    'supervision_state',
    'supervision_rollups',
    'supervision_contributions',
    'supervision_dirty',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
