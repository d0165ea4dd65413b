import type { Clock } from '../../platform/clock/index.js';
import type { Bilingual } from '../../platform/errors/index.js';
import { openCheckpoint, parseCheckpoint } from './checkpoint.js';
import { cosignCheckpoint, cosigner } from './cosignature.js';
import { decodeBase64Strict } from './ledger.encoding.js';
import type { LogReader } from './ledger.audit.js';
import { verifyConsistency } from './merkle.js';
import { ed25519Verifier, generateEd25519Key, parseNote } from './note.js';
import { toCosignatureVerifierKey } from './cosignature.js';

// `onetrip ledger witness`: an independent party (the court, a notary office, the audit
// bureau) that remembers the last checkpoint it cosigned and cosigns a new one only after
// checking it extends that one (C2SP tlog-cosignature). Run anywhere with HTTP access.

/** The minimal fetch the HTTP reader needs (global fetch fits; tests pass app.inject). */
export type FetchFn = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** A platform's log over HTTP, plus submitting a cosignature. */
export interface HttpLogReader extends LogReader {
  submitCosignature(note: string): Promise<void>;
}

/** A failed HTTP call or a witness refusing to cosign; the message says why in both languages. */
export class LedgerWitnessError extends Error {
  readonly code = 'LEDGER_WITNESS_REFUSED';
  constructor(readonly messages: Bilingual) {
    super(messages.en);
    this.name = 'LedgerWitnessError';
  }
}

async function call(fetchFn: FetchFn, url: string, init?: Parameters<FetchFn>[1]): Promise<string> {
  const res = await fetchFn(url, init);
  const body = await res.text();
  if (!res.ok) {
    let message = body.slice(0, 300);
    try {
      const error = (JSON.parse(body) as { error?: { code?: string; message?: string } }).error;
      if (error?.message) message = `${error.code ?? 'ERROR'} ${error.message}`;
    } catch {
      // not the JSON error body: keep the text
    }
    throw new LedgerWitnessError({
      zh: `${url} 返回 ${res.status}：${message}`,
      en: `${url} answered ${res.status}: ${message}`,
    });
  }
  return body;
}

/** The ledger API of the platform at `baseUrl` (e.g. `https://gov.example/`); its methods throw LedgerWitnessError for non-2xx answers. */
export function httpLogReader(baseUrl: string, fetchFn: FetchFn = fetch): HttpLogReader {
  const base = `${baseUrl.replace(/\/+$/, '')}/api/v1/ledger`;
  return {
    verifierKey: async () => (await call(fetchFn, `${base}/key`)).trim(),
    checkpoint: () => call(fetchFn, `${base}/checkpoint`),
    async consistency(from, to) {
      const body = JSON.parse(
        await call(fetchFn, `${base}/proofs/consistency?from=${from}&to=${to}`),
      ) as { hashes?: unknown };
      if (!Array.isArray(body.hashes))
        throw new LedgerWitnessError({
          zh: '一致性证明格式错误',
          en: 'the consistency proof is malformed',
        });
      return body.hashes.map((h) => {
        const bytes = typeof h === 'string' ? decodeBase64Strict(h) : undefined;
        if (!bytes)
          throw new LedgerWitnessError({
            zh: '一致性证明含非 base64 哈希',
            en: 'the consistency proof has a hash that is not base64',
          });
        return bytes;
      });
    },
    async submitCosignature(note) {
      await call(fetchFn, `${base}/cosignatures`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: note,
      });
    },
  };
}

/** What a witness remembers between runs (its state file, JSON). */
export interface WitnessState {
  origin: string;
  /** The log key, pinned on first use (or given with --log-key). */
  logKey: string;
  size: number;
  /** base64 root of the last checkpoint cosigned. */
  root: string;
  checkpoint: string;
}

/** A new witness key as C2SP strings: the signer key to keep secret and the cosignature verifier key to register with the log. Throws LedgerArgumentError for a bad name. */
export function generateWitnessKey(name: string): { signerKey: string; verifierKey: string } {
  const { signerKey, verifierKey } = generateEd25519Key(name);
  return { signerKey, verifierKey: toCosignatureVerifierKey(verifierKey) };
}

/**
 * One witness round: reads the log's checkpoint, checks the log signature (the key pinned in
 * `state`, else `logKey`, else the one served, on first use), refuses a smaller tree or a
 * second root for a size, verifies the consistency proof from the last checkpoint it
 * cosigned, cosigns, submits, and returns the new state. Throws LedgerWitnessError when it
 * refuses, and the core's errors for bad signatures or proofs.
 */
export async function witnessOnce(deps: {
  reader: HttpLogReader;
  signerKey: string;
  clock: Pick<Clock, 'now'>;
  state?: WitnessState;
  logKey?: string;
}): Promise<{ state: WitnessState; cosigned: string; previousSize: number | null }> {
  const { reader, state } = deps;
  if (state && deps.logKey && deps.logKey.trim() !== state.logKey) {
    throw new LedgerWitnessError({
      zh: '给出的账本公钥与状态文件中记住的不同',
      en: 'the given log key differs from the one in the state file',
    });
  }
  const logKey = state?.logKey ?? deps.logKey?.trim() ?? (await reader.verifierKey());
  const note = await reader.checkpoint();
  const origin = state?.origin ?? parseCheckpoint(parseNote(note).text).origin;
  const log = { origin, verifiers: [ed25519Verifier(logKey)] };
  const { checkpoint } = openCheckpoint(note, log.verifiers, { origin });
  if (state) {
    const oldRoot = Buffer.from(state.root, 'base64');
    if (checkpoint.size < state.size) {
      throw new LedgerWitnessError({
        zh: `账本从 ${state.size} 缩小到 ${checkpoint.size}，拒绝联署`,
        en: `the log shrank from ${state.size} to ${checkpoint.size}; refusing to cosign`,
      });
    }
    if (checkpoint.size === state.size && !checkpoint.rootHash.equals(oldRoot)) {
      throw new LedgerWitnessError({
        zh: `同一大小 ${state.size} 出现第二个根哈希，拒绝联署`,
        en: `a second root for size ${state.size}; refusing to cosign`,
      });
    }
    if (checkpoint.size > state.size && state.size > 0) {
      const proof = await reader.consistency(state.size, checkpoint.size);
      verifyConsistency(state.size, checkpoint.size, oldRoot, checkpoint.rootHash, proof);
    }
  }
  const cosigned = await cosignCheckpoint(note, cosigner(deps.signerKey, deps.clock), log);
  await reader.submitCosignature(cosigned);
  return {
    state: {
      origin,
      logKey,
      size: checkpoint.size,
      root: checkpoint.rootHash.toString('base64'),
      checkpoint: note,
    },
    cosigned,
    previousSize: state?.size ?? null,
  };
}
