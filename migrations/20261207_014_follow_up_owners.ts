import type { Kysely } from 'kysely';

interface Db {
  applications: { id: string; definition: string };
  follow_ups: {
    id: string;
    application_id: string;
    kind: string;
    material_id: string | null;
    department_code: string | null;
  };
}

interface FrozenDefinition {
  steps: { id: string; department: string }[];
  materials: { id: string; steps: string[] }[];
}

/**
 * Follow-ups that end: each has an owner (the account who answers for it), and closing it
 * records who closed it and the outcome told to the applicant. 容缺 commitments, which had no
 * department, get the department of the first step that needs the promised material.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('follow_ups').addColumn('owner_account', 'varchar(64)').execute();
  await db.schema.alterTable('follow_ups').addColumn('closed_by', 'varchar(64)').execute();
  await db.schema.alterTable('follow_ups').addColumn('outcome', 'text').execute();
  await db.schema
    .createIndex('follow_ups_department_idx')
    .on('follow_ups')
    .columns(['department_code', 'status'])
    .execute();
  await db.schema
    .createIndex('follow_ups_owner_idx')
    .on('follow_ups')
    .columns(['owner_account', 'status'])
    .execute();
  const typed = db as unknown as Kysely<Db>;
  const orphans = await typed
    .selectFrom('follow_ups')
    .innerJoin('applications', 'applications.id', 'follow_ups.application_id')
    .select(['follow_ups.id', 'follow_ups.material_id', 'applications.definition'])
    .where('follow_ups.kind', '=', 'commitment')
    .where('follow_ups.department_code', 'is', null)
    .execute();
  for (const f of orphans) {
    const def = JSON.parse(f.definition) as FrozenDefinition;
    const step = def.materials.find((m) => m.id === f.material_id)?.steps[0];
    const department = def.steps.find((s) => s.id === step)?.department ?? def.steps[0]?.department;
    if (department) {
      await typed
        .updateTable('follow_ups')
        .set({ department_code: department })
        .where('id', '=', f.id)
        .execute();
    }
  }
}

/** Drops the columns and indexes. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('follow_ups_owner_idx').execute();
  await db.schema.dropIndex('follow_ups_department_idx').execute();
  for (const column of ['outcome', 'closed_by', 'owner_account']) {
    await db.schema.alterTable('follow_ups').dropColumn(column).execute();
  }
}
