import * as OTPAuth from 'otpauth';

/** RFC 6238 parameters of the platform: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;

function totpFor(secretBase32: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  });
}

/**
 * Checks a TOTP code at `at`, allowing one step of clock drift either way; returns the time
 * step (counter) it matched, so a caller can refuse a replay of the same code, or null.
 */
export function matchTotp(secretBase32: string, code: string, at: Date): number | null {
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(at.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** The TOTP code for `at` (for CLI output and tests). */
export function currentTotp(secretBase32: string, at: Date): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

/** A new random 160-bit TOTP secret in base32. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secretBase32: string, account: string): string {
  return new OTPAuth.TOTP({
    issuer: 'OneTrip',
    label: account,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  }).toString();
}
