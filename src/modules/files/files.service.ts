import type { Clock } from '../../platform/clock/index.js';
import { sniffMediaType, type BlobStore } from '../../platform/files/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import { FilesErrors } from './files.errors.js';
import type { FileRow, FilesRepo } from './files.repo.js';

/** What the API answers for a stored file. */
export interface StoredFile {
  fileId: string;
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
}

const present = (row: FileRow): StoredFile => ({
  fileId: row.id,
  sha256: row.sha256,
  size: row.size,
  mediaType: row.media_type,
  name: row.original_name,
});

/**
 * Attachments: checks size and type by content, stores the bytes by SHA-256, records who
 * uploaded them. Throws FILES_TOO_LARGE, FILES_UNSUPPORTED_TYPE, FILES_NOT_FOUND, FILES_FORBIDDEN.
 */
export function createFilesService(deps: {
  repo: FilesRepo;
  blobs: BlobStore;
  clock: Clock;
  ids: IdGenerator;
  maxBytes: number;
}) {
  const { repo, blobs, clock, ids } = deps;
  return {
    maxBytes: deps.maxBytes,

    /** Stores an upload of `owner`. */
    async upload(owner: Principal, name: string, bytes: Buffer): Promise<StoredFile> {
      if (bytes.length > deps.maxBytes) throw FilesErrors.tooLarge(deps.maxBytes);
      if (bytes.length === 0) throw FilesErrors.missing();
      const mediaType = sniffMediaType(bytes);
      if (!mediaType) throw FilesErrors.unsupportedType();
      const sha256 = await blobs.put(bytes);
      const row: FileRow = {
        id: ids.id(),
        sha256,
        size: bytes.length,
        media_type: mediaType,
        original_name: name.slice(0, 200) || 'file',
        owner_account_id: owner.accountId,
        created_at: clock.now().toISOString(),
      };
      await repo.insert(row);
      return present(row);
    },

    /** Metadata of files by id (for checking an application's attachments). */
    async describe(
      fileIds: string[],
    ): Promise<Map<string, StoredFile & { ownerAccountId: string }>> {
      const rows = await repo.findByIds(fileIds);
      return new Map(
        rows.map((r) => [r.id, { ...present(r), ownerAccountId: r.owner_account_id }]),
      );
    },

    /**
     * The bytes of a file for a caller: its uploader, or staff (case-level checks of which
     * staff may see which application's files are done by the cases module's routes).
     */
    async download(
      caller: Principal,
      fileId: string,
    ): Promise<{ file: StoredFile; bytes: Buffer }> {
      const row = await repo.findById(fileId);
      if (!row) throw FilesErrors.notFound();
      if (row.owner_account_id !== caller.accountId && caller.kind !== 'staff')
        throw FilesErrors.forbidden();
      const bytes = await blobs.get(row.sha256);
      if (!bytes) throw FilesErrors.notFound();
      return { file: present(row), bytes };
    },
  };
}

export type FilesService = ReturnType<typeof createFilesService>;
