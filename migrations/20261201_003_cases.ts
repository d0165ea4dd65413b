import type { Kysely } from 'kysely';

/** Applications, their tasks, their append-only actions, follow-ups and ratings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('receipt_no', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('subject_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('subject_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('applicant_kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('applicant_person_id', 'varchar(64)', (c) => c.references('persons.id'))
    .addColumn('applicant_org_id', 'varchar(64)', (c) => c.references('organizations.id'))
    .addColumn('applicant_department', 'varchar(32)')
    .addColumn('submitted_by', 'varchar(64)', (c) => c.notNull().references('accounts.id'))
    .addColumn('channel', 'varchar(12)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('notice', 'text')
    .addColumn('accepted_at', 'varchar(40)')
    .addColumn('due_at', 'varchar(40)')
    .addColumn('completed_at', 'varchar(40)')
    .addColumn('alert', 'varchar(10)', (c) => c.notNull().defaultTo('normal'))
    .addColumn('paused_since', 'varchar(40)')
    .addColumn('idempotency_scope', 'varchar(64)')
    .addColumn('idempotency_key', 'varchar(128)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('applications_idempotency_idx')
    .on('applications')
    .columns(['idempotency_scope', 'idempotency_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('applications_submitter_idx')
    .on('applications')
    .columns(['submitted_by', 'created_at'])
    .execute();
  await db.schema
    .createIndex('applications_person_idx')
    .on('applications')
    .column('applicant_person_id')
    .execute();
  await db.schema
    .createIndex('applications_status_idx')
    .on('applications')
    .column('status')
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('application_id', 'varchar(64)', (c) => c.notNull().references('applications.id'))
    .addColumn('step_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('matter_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('department_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('assignee', 'varchar(64)')
    .addColumn('opened_at', 'varchar(40)')
    .addColumn('due_at', 'varchar(40)')
    .addColumn('decided_at', 'varchar(40)')
    .addColumn('decision', 'varchar(10)')
    .addColumn('outputs', 'text')
    .addColumn('comment', 'text')
    .addColumn('alert', 'varchar(10)', (c) => c.notNull().defaultTo('normal'))
    .addColumn('paused_since', 'varchar(40)')
    .addColumn('pause_reason', 'varchar(200)')
    .addColumn('escalated_at', 'varchar(40)')
    .execute();
  await db.schema
    .createIndex('tasks_queue_idx')
    .on('tasks')
    .columns(['department_code', 'status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('tasks_application_idx')
    .on('tasks')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('case_actions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('application_id', 'varchar(64)', (c) => c.notNull().references('applications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'varchar(64)')
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('actor_role', 'varchar(20)', (c) => c.notNull())
    .addColumn('channel', 'varchar(12)', (c) => c.notNull())
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_actions_seq_idx')
    .on('case_actions')
    .columns(['application_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('application_id', 'varchar(64)', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('task_id', 'varchar(64)')
    .addColumn('material_id', 'varchar(64)')
    .addColumn('department_code', 'varchar(32)')
    .addColumn('due_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(40)')
    .execute();
  await db.schema
    .createIndex('follow_ups_due_idx')
    .on('follow_ups')
    .columns(['status', 'due_at'])
    .execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('application_id', 'varchar(64)', (c) => c.notNull().references('applications.id'))
    .addColumn('task_id', 'varchar(64)')
    .addColumn('department_code', 'varchar(32)')
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('by_account', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

/** Drops the case tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['evaluations', 'follow_ups', 'case_actions', 'tasks', 'applications'])
    await db.schema.dropTable(t).execute();
}
