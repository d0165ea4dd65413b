import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../schema.js';
import type { FilesTable } from './files.tables.js';

export type FileRow = Selectable<FilesTable>;

/** The only code of the files module that builds SQL. */
export function createFilesRepo(db: Kysely<Database>) {
  return {
    async insert(row: FileRow): Promise<void> {
      await db.insertInto('files').values(row).execute();
    },
    findById(id: string): Promise<FileRow | undefined> {
      return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findByIds(ids: string[]): Promise<FileRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('files').selectAll().where('id', 'in', ids).execute();
    },
  };
}

export type FilesRepo = ReturnType<typeof createFilesRepo>;
