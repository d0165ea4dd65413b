export * from './canonical-json.js';
export * from './checkpoint.js';
export * from './cosignature.js';
export * from './ledger.errors.js';
export * from './merkle.js';
export * from './note.js';
export * from './tiles.js';
export type { LedgerTables } from './ledger.tables.js';
export { LedgerErrors, LedgerIntegrityError } from './ledger.app-errors.js';
export {
  buildRecord,
  commitmentOf,
  dataHash,
  leafEntry,
  ledgerOrigin,
  ledgerTime,
  openingProblem,
  parseContent,
  subjectRef,
  MAX_ENTRY_BYTES,
  type LedgerAppendInput,
  type LedgerLeaf,
  type LedgerRecord,
  type OpenedEntry,
} from './ledger.record.js';
export {
  extendTree,
  frontierIds,
  frontierOf,
  frontierRoot,
  entryLeafHash,
  nodeCount,
  type StoredNode,
  type TreeFrontier,
} from './ledger.sequencer.js';
export {
  createLedgerService,
  type CheckpointView,
  type LedgerEntryView,
  type OpenedEntryView,
  type OpenedPendingView,
  type LedgerService,
  type LedgerServiceDeps,
} from './ledger.service.js';
export { auditLog, type AuditReport, type LogReader } from './ledger.audit.js';
export {
  verifyLedger,
  type LedgerIndexCheck,
  type LedgerProblem,
  type LedgerProblemKind,
  type LedgerVerifyReport,
} from './ledger.verify.js';
export {
  generateWitnessKey,
  httpLogReader,
  LedgerWitnessError,
  witnessOnce,
  type FetchFn,
  type HttpLogReader,
  type WitnessState,
} from './ledger.witness.js';
export { registerLedgerRoutes } from './ledger.routes.js';
