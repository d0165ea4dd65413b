import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/logging/index.js';
import { openCheckpoint } from './checkpoint.js';
import {
  cosignatureTimestamp,
  cosignatureVerifier,
  toCosignatureVerifierKey,
} from './cosignature.js';
import { LedgerErrors, asRequestError } from './ledger.app-errors.js';
import { LedgerError } from './ledger.errors.js';
import type { LogKey } from './ledger.keys.js';
import type { LedgerRepo } from './ledger.repo.js';
import { openNote, parseNote } from './note.js';

/**
 * Witnesses as the log sees them: registering their keys and storing the cosignatures
 * (C2SP tlog-cosignature) they send for checkpoints this log signed.
 */
export function createCosignatureIntake(deps: {
  repo: LedgerRepo;
  clock: Clock;
  key: () => Promise<LogKey>;
  logger: Pick<Logger, 'warn'>;
}) {
  const { repo, clock } = deps;

  /**
   * Stores the cosignatures of registered witnesses carried by a checkpoint this log
   * signed; throws 400 for a malformed note, 422 for a note the log did not sign or no
   * valid witness signature, 409 for a checkpoint the log does not hold.
   */
  async function addCosignature(note: string): Promise<{ size: number; witnesses: string[] }> {
    const k = await deps.key();
    let opened: ReturnType<typeof openCheckpoint>;
    try {
      opened = openCheckpoint(note, [k.verifier], { origin: k.origin });
    } catch (error) {
      throw asRequestError(error, 'body');
    }
    const { size } = opened.checkpoint;
    const stored = await repo.checkpointAt(size);
    if (!stored || parseNote(stored.note).text !== opened.note.text) {
      throw LedgerErrors.checkpointUnknown(size);
    }
    const verifiers = (await repo.witnesses()).flatMap((w) => {
      try {
        return [cosignatureVerifier(w.verifier_key)];
      } catch {
        deps.logger.warn({ witness: w.name }, 'ledger witness key is malformed; ignored');
        return [];
      }
    });
    if (verifiers.length === 0) throw LedgerErrors.witnessUnknown();
    let witnessed: ReturnType<typeof openNote>;
    try {
      witnessed = openNote(note, verifiers);
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'LEDGER_NOTE_UNVERIFIED') {
        throw LedgerErrors.witnessUnknown();
      }
      throw asRequestError(error, 'body');
    }
    const now = clock.now().toISOString();
    for (const sig of witnessed.verified) {
      await repo.upsertCosignature({
        size,
        key_name: sig.name,
        key_id: sig.keyId,
        signature: sig.base64,
        signed_at: cosignatureTimestamp(sig),
        created_at: now,
      });
    }
    return { size, witnesses: witnessed.verified.map((s) => s.name) };
  }

  /** Registers a witness by its verifier key (type 0x04, or its type 0x01 form); throws 400 for a malformed key. */
  async function addWitness(verifierKey: string): Promise<{ name: string; verifierKey: string }> {
    let vkey = verifierKey.trim();
    try {
      try {
        cosignatureVerifier(vkey);
      } catch {
        vkey = toCosignatureVerifierKey(vkey);
      }
    } catch (error) {
      throw asRequestError(error, 'verifierKey');
    }
    const name = vkey.slice(0, vkey.indexOf('+'));
    await repo.upsertWitness({ name, verifier_key: vkey, created_at: clock.now().toISOString() });
    return { name, verifierKey: vkey };
  }

  return { addCosignature, addWitness };
}
