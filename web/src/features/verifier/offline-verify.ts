// Verifying a holder's QR or a paper QR in the browser, with the shared verifier
// (shared/contracts/sd-jwt-verify.ts) and what the page keeps.
import { OFFLINE_AUDIENCE, type VerificationResult } from '@contracts/credentials';
import {
  parseSdJwt,
  verifyPresentation,
  type VerifyCrypto,
  type VerifyTrust,
} from '@contracts/sd-jwt-verify';

/** The page's own record of presentations it accepted (a replay is refused). */
export interface ReplayRecord {
  seen(key: string): Promise<boolean>;
  remember(key: string, until: string): Promise<void>;
}

/**
 * The status list a presentation names (`status.status_list.uri` of its issuer JWT), read
 * without verifying anything: which list to keep for later. Null when it names none.
 */
export function statusListUriOf(presentation: string): string | null {
  const parsed = parseSdJwt(presentation);
  if (!parsed.ok) return null;
  const status = parsed.value.jwt.payload['status'];
  if (typeof status !== 'object' || status === null) return null;
  const list = (status as Record<string, unknown>)['status_list'];
  if (typeof list !== 'object' || list === null) return null;
  const uri = (list as Record<string, unknown>)['uri'];
  return typeof uri === 'string' ? uri : null;
}

/**
 * The key id (`kid`) of a presentation's issuer JWT header, read without verifying anything:
 * which issuer key the page must keep to verify it offline. Null when it names none.
 */
export function issuerKidOf(presentation: string): string | null {
  const parsed = parseSdJwt(presentation);
  if (!parsed.ok) return null;
  const kid = parsed.value.jwt.header['kid'];
  return typeof kid === 'string' ? kid : null;
}

/**
 * Verifies a presentation shown by its holder (aud = any verifier, 60 s) or a paper copy, in the
 * browser: every check of docs/credentials.md, the replay check against `replay`. An accepted
 * presentation is remembered. Answers a VerificationResult like the server's (id null). Never
 * throws.
 */
export async function verifyInBrowser(
  presentation: string,
  deps: { trust: VerifyTrust; crypto: VerifyCrypto; replay: ReplayRecord; now: Date },
): Promise<VerificationResult> {
  const verification = await verifyPresentation(presentation, deps.trust, deps.crypto, {
    now: deps.now,
    audience: OFFLINE_AUDIENCE,
    mode: 'holder-qr',
    seen: (key) => deps.replay.seen(key),
  });
  const { replayKey, replayUntil } = verification;
  if (verification.result.valid && replayKey && replayUntil) {
    try {
      await deps.replay.remember(replayKey, replayUntil);
    } catch {
      // A device that cannot store the record still answers; the replay check said so.
    }
  }
  return { id: null, ...verification.result, verifiedAt: deps.now.toISOString() };
}
