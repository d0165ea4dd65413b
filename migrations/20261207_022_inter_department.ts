import type { Kysely } from 'kysely';

/**
 * 部门间办事 (Lishui): the board and the public monthly report read the case tables (never a
 * copy). Departments' own applications are found by applicant kind, so they are indexed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('applications_applicant_department_idx')
    .on('applications')
    .columns(['applicant_kind', 'applicant_department'])
    .execute();
}

/** Drops the index. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applications_applicant_department_idx').execute();
}
