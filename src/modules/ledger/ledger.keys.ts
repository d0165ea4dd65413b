import type { Clock } from '../../platform/clock/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Logger } from '../../platform/logging/index.js';
import { LedgerIntegrityError } from './ledger.app-errors.js';
import type { LedgerRepo } from './ledger.repo.js';
import {
  ed25519Signer,
  ed25519Verifier,
  generateEd25519Key,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';

/** The log's signing key as the service uses it; its name is the log's origin. */
export interface LogKey {
  origin: string;
  signer: NoteSigner & { readonly verifierKey: string };
  verifier: NoteVerifier;
}

/**
 * The log key, kept in `ledger_keys` so every node of a deployment signs with the same one:
 * made on first use (racing nodes insert-or-ignore, then all read the winner), its signer
 * key sealed with the secret box. `key()` throws LedgerIntegrityError when the stored signer
 * and verifier keys disagree, and the secret box's error when it cannot unseal.
 */
export function createLogKeys(deps: {
  repo: LedgerRepo;
  clock: Clock;
  ids?: IdGenerator;
  secretBox: SecretBox;
  origin: string;
  logger: Pick<Logger, 'info'>;
}) {
  const { repo } = deps;
  let cached: Promise<LogKey> | undefined;

  async function load(): Promise<LogKey> {
    let row = await repo.logKey();
    if (!row) {
      // A log retired by a change of leaf format keeps its origin; its successor takes /v2, /v3 …
      const retired = new Set(await repo.retiredOrigins());
      let origin = deps.origin;
      for (let n = 2; retired.has(origin); n++) origin = `${deps.origin}/v${n}`;
      const seed = deps.ids ? Buffer.from(deps.ids.token(32), 'base64url') : undefined;
      const made = generateEd25519Key(origin, seed);
      await repo.insertKey({
        name: origin,
        signer_key: deps.secretBox.seal(made.signerKey),
        verifier_key: made.verifierKey,
        created_at: deps.clock.now().toISOString(),
      });
      row = await repo.logKey();
      if (!row) throw new Error('the ledger key could not be stored');
      deps.logger.info({ ledgerKey: row.verifier_key }, 'ledger key created');
    }
    const signer = ed25519Signer(deps.secretBox.open(row.signer_key));
    if (signer.verifierKey !== row.verifier_key) {
      throw new LedgerIntegrityError({
        zh: '账本签名私钥与存储的验证公钥不符',
        en: 'the ledger signer key does not match the stored verifier key',
      });
    }
    return { origin: row.name, signer, verifier: ed25519Verifier(row.verifier_key) };
  }

  /** The log key, made on first use and then cached; a failure is not cached. */
  function key(): Promise<LogKey> {
    cached ??= load().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  }

  return { key };
}
