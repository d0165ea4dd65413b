import type { Bilingual } from '../../platform/errors/index.js';

/** Every stable code the ledger's cryptographic core throws with. */
export type LedgerErrorCode =
  | 'LEDGER_INVALID_ARGUMENT'
  | 'LEDGER_NODE_MISSING'
  | 'LEDGER_PROOF_INVALID'
  | 'LEDGER_MALFORMED_KEY'
  | 'LEDGER_MALFORMED_NOTE'
  | 'LEDGER_NOTE_UNVERIFIED'
  | 'LEDGER_BAD_SIGNATURE'
  | 'LEDGER_MALFORMED_CHECKPOINT'
  | 'LEDGER_ORIGIN_MISMATCH'
  | 'LEDGER_MALFORMED_COSIGNATURE'
  | 'LEDGER_MALFORMED_TILE'
  | 'LEDGER_NOT_CANONICALIZABLE';

/**
 * The base of the ledger core's errors: a stable code, a message in Chinese and English and
 * optional details. They are plain errors, not HTTP errors, because the same bytes may come
 * from a request (then the caller rewraps them, e.g. `new ValidationError(e.code, e.messages)`)
 * or from our own store (then they are a fault).
 */
export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    readonly messages: Bilingual,
    readonly details?: Record<string, unknown>,
  ) {
    super(messages.en);
    this.name = new.target.name;
  }
}

/** A caller passed a value the function cannot work with (negative size, wrong hash length). */
export class LedgerArgumentError extends LedgerError {
  constructor(messages: Bilingual, details?: Record<string, unknown>) {
    super('LEDGER_INVALID_ARGUMENT', messages, details);
  }
}

/** A node source could not supply a subtree hash that a proof, root or tile needs. */
export class LedgerNodeMissingError extends LedgerError {
  constructor(messages: Bilingual, details?: Record<string, unknown>) {
    super('LEDGER_NODE_MISSING', messages, details);
  }
}

/** An inclusion or consistency proof does not prove what it claims. */
export class LedgerProofError extends LedgerError {
  constructor(messages: Bilingual, details?: Record<string, unknown>) {
    super('LEDGER_PROOF_INVALID', messages, details);
  }
}

/** Bytes that do not follow the format they claim: a key, note, checkpoint, tile or JSON value. */
export class LedgerFormatError extends LedgerError {
  constructor(
    code:
      | 'LEDGER_MALFORMED_KEY'
      | 'LEDGER_MALFORMED_NOTE'
      | 'LEDGER_MALFORMED_CHECKPOINT'
      | 'LEDGER_MALFORMED_COSIGNATURE'
      | 'LEDGER_MALFORMED_TILE'
      | 'LEDGER_NOT_CANONICALIZABLE',
    messages: Bilingual,
    details?: Record<string, unknown>,
  ) {
    super(code, messages, details);
  }
}

/** A well-formed note whose signatures do not establish trust (none known, or one forged). */
export class LedgerSignatureError extends LedgerError {
  constructor(
    code: 'LEDGER_NOTE_UNVERIFIED' | 'LEDGER_BAD_SIGNATURE' | 'LEDGER_ORIGIN_MISMATCH',
    messages: Bilingual,
    details?: Record<string, unknown>,
  ) {
    super(code, messages, details);
  }
}
