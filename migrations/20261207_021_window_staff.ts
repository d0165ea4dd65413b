import type { Kysely } from 'kysely';

/**
 * Window staff (Taizhou 四制四化): each clerk's grade (考级) and window number, the record of
 * every grade change, and the monthly points ledger (积分制) computed from the action history:
 * one line per rule, application, clerk and month (unique, so recomputing never doubles), and
 * when each month was last computed and with which rules.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clerk_profiles')
    .addColumn('account_id', 'varchar(64)', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('grade', 'varchar(16)', (c) => c.notNull())
    .addColumn('window_no', 'varchar(16)')
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(64)')
    .execute();
  await db.schema
    .createTable('clerk_grade_changes')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull().references('accounts.id'))
    .addColumn('grade_before', 'varchar(16)')
    .addColumn('grade', 'varchar(16)', (c) => c.notNull())
    .addColumn('window_no_before', 'varchar(16)')
    .addColumn('window_no', 'varchar(16)')
    .addColumn('changed_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('changed_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('clerk_grade_changes_account_idx')
    .on('clerk_grade_changes')
    .columns(['account_id', 'changed_at'])
    .execute();
  await db.schema
    .createTable('clerk_points')
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('rule_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('application_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('receipt_no', 'varchar(32)', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('computed_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('clerk_points_line_unique', [
      'rule_id',
      'application_id',
      'account_id',
      'month',
    ])
    .execute();
  await db.schema
    .createIndex('clerk_points_month_idx')
    .on('clerk_points')
    .columns(['month', 'account_id'])
    .execute();
  await db.schema
    .createTable('clerk_points_months')
    .addColumn('month', 'varchar(7)', (c) => c.primaryKey())
    .addColumn('computed_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('rules_version', 'varchar(64)', (c) => c.notNull())
    .execute();
  // A month's facts are read by action type and time.
  await db.schema
    .createIndex('window_staff_actions_type_at_idx')
    .on('case_actions')
    .columns(['type', 'at'])
    .execute();
}

/** Drops the tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('window_staff_actions_type_at_idx').execute();
  await db.schema.dropTable('clerk_points_months').execute();
  await db.schema.dropTable('clerk_points').execute();
  await db.schema.dropTable('clerk_grade_changes').execute();
  await db.schema.dropTable('clerk_profiles').execute();
}
