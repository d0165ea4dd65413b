import {
  BadRequestError,
  ConflictError,
  NotFoundError,
  ValidationError,
  type AppError,
  type Bilingual,
} from '../../platform/errors/index.js';
import { LedgerError, LedgerFormatError } from './ledger.errors.js';

/**
 * The stored log contradicts itself (a node missing, a tree inconsistent with its last
 * checkpoint). Not an AppError: it is the platform's fault, so it becomes a logged 500, and
 * the log refuses to sign rather than sign something inconsistent.
 */
export class LedgerIntegrityError extends Error {
  readonly code = 'LEDGER_INTEGRITY';
  constructor(
    readonly messages: Bilingual,
    readonly details?: Record<string, unknown>,
  ) {
    super(messages.en);
    this.name = 'LedgerIntegrityError';
  }
}

/** Typed errors the ledger service throws for requests, with stable codes. */
export const LedgerErrors = {
  entryNotFound: (index: number) =>
    new NotFoundError('LEDGER_ENTRY_NOT_FOUND', {
      zh: `账本中没有第 ${index} 条`,
      en: `The ledger has no entry ${index}`,
    }),
  beyondLog: (field: string, value: number, size: number) =>
    new ValidationError(
      'LEDGER_SIZE_BEYOND_LOG',
      {
        zh: `${field} = ${value} 超出账本当前大小 ${size}`,
        en: `${field} = ${value} is beyond the ledger's size ${size}`,
      },
      [{ path: field, code: 'too_big', message: `at most ${size}` }],
    ),
  openingMismatch: (index: number, why: string) =>
    new ValidationError(
      'LEDGER_OPENING_MISMATCH',
      {
        zh: `该记录与盐值打不开第 ${index} 条的承诺：记录被伪造或改动`,
        en: `This record and salt do not open the commitment of entry ${index}: forged or edited`,
      },
      [{ path: 'record', code: 'mismatch', message: why }],
    ),
  tileNotFound: (path: string) =>
    new NotFoundError('LEDGER_TILE_NOT_FOUND', {
      zh: `没有这个瓦片：${path}`,
      en: `No such tile: ${path}`,
    }),
  noCheckpoint: () =>
    new NotFoundError('LEDGER_NO_CHECKPOINT', {
      zh: '账本尚未签署检查点',
      en: 'The ledger has not signed a checkpoint yet',
    }),
  checkpointUnknown: (size: number) =>
    new ConflictError('LEDGER_CHECKPOINT_UNKNOWN', {
      zh: `账本没有签署过这个大小为 ${size} 的检查点`,
      en: `The ledger did not sign this checkpoint of size ${size}`,
    }),
  witnessUnknown: () =>
    new ValidationError('LEDGER_WITNESS_UNKNOWN', {
      zh: '联署签名不来自已登记的见证方',
      en: 'The cosignature is not from a registered witness',
    }),
};

/**
 * A LedgerError caused by bytes a caller sent, as the AppError the HTTP layer answers with:
 * malformed bytes → 400, anything else (bad size, unverified or forged signature, failed
 * proof) → 422. Other errors are returned unchanged.
 */
export function asRequestError(error: unknown, field?: string): unknown {
  if (!(error instanceof LedgerError)) return error;
  if (error instanceof LedgerFormatError)
    return new BadRequestError(error.code, error.messages, error.details);
  const issues = field ? [{ path: field, code: error.code, message: error.messages.en }] : [];
  const wrapped: AppError = new ValidationError(error.code, error.messages, issues);
  return wrapped;
}
