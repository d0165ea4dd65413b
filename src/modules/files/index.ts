export type { FilesTables } from './files.tables.js';
export { createFilesRepo } from './files.repo.js';
export { createFilesService, type FilesService, type StoredFile } from './files.service.js';
export { registerFilesRoutes } from './files.routes.js';
export {
  fileReadGrant,
  type FileHolder,
  type FileHoldersPort,
  type FileReadGrant,
} from './files.policy.js';
export type { FileReadsPort } from './files.service.js';
