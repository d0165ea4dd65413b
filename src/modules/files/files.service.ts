import type { Clock } from '../../platform/clock/index.js';
import { sniffMediaType, type BlobStore } from '../../platform/files/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import { FilesErrors } from './files.errors.js';
import { fileReadGrant, type FileHolder, type FileHoldersPort } from './files.policy.js';
import type { FileRow, FilesRepo } from './files.repo.js';

/** Where a staff read of a file is recorded (the data hub's access log, shown to the applicant). */
export interface FileReadsPort {
  recordFileRead(
    reader: Principal,
    read: Omit<FileHolder, 'submittedBy' | 'departments'> & { fileName: string },
  ): Promise<void>;
}

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
  /** The applications holding a file (who may read it). */
  holders: FileHoldersPort;
  /** Where staff reads are recorded. */
  reads: FileReadsPort;
}) {
  const { repo, blobs, clock, ids, holders, reads } = deps;
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
     * The bytes of a file for a caller allowed to read it (see `fileReadGrant`); a staff read
     * is recorded in the applicant's access log before the bytes leave. FILES_FORBIDDEN else.
     */
    async download(
      caller: Principal,
      fileId: string,
    ): Promise<{ file: StoredFile; bytes: Buffer }> {
      const row = await repo.findById(fileId);
      if (!row) throw FilesErrors.notFound();
      const grant = await fileReadGrant(caller, row.owner_account_id, () =>
        holders.holdersOfFile(fileId),
      );
      if (!grant) throw FilesErrors.forbidden();
      const bytes = await blobs.get(row.sha256);
      if (!bytes) throw FilesErrors.notFound();
      if (grant.as === 'staff') {
        const { submittedBy: _by, departments: _in, ...holder } = grant.holder;
        await reads.recordFileRead(caller, { ...holder, fileName: row.original_name });
      }
      return { file: present(row), bytes };
    },
  };
}

export type FilesService = ReturnType<typeof createFilesService>;
