import type { Kysely } from 'kysely';

interface Db {
  applications: { id: string; materials: string };
  application_files: { application_id: string; material_id: string; file_id: string };
}

/**
 * Which application holds which uploaded file (for the rule of who may read a file), indexed
 * by file. Filled from the materials already stored with every application.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application_files')
    .addColumn('application_id', 'varchar(64)', (c) => c.notNull().references('applications.id'))
    .addColumn('material_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('file_id', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_files_pk', ['application_id', 'material_id', 'file_id'])
    .execute();
  await db.schema
    .createIndex('application_files_by_file')
    .on('application_files')
    .column('file_id')
    .execute();
  const typed = db as unknown as Kysely<Db>;
  const apps = await typed.selectFrom('applications').select(['id', 'materials']).execute();
  for (const app of apps) {
    const rows = heldFiles(app.id, app.materials);
    if (rows.length > 0) await typed.insertInto('application_files').values(rows).execute();
  }
}

function heldFiles(applicationId: string, materials: string) {
  const states = JSON.parse(materials) as { material: string; fileId?: string | null }[];
  const seen = new Set<string>();
  return states.flatMap((s) => {
    if (!s.fileId || seen.has(`${s.material}\n${s.fileId}`)) return [];
    seen.add(`${s.material}\n${s.fileId}`);
    return [{ application_id: applicationId, material_id: s.material, file_id: s.fileId }];
  });
}

/** Drops the table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_files').execute();
}
