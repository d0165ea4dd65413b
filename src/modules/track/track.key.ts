import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The key of a receipt's public tracking link (`/track/<receiptNo>?k=<key>`): an HMAC-SHA256 of
 * the receipt number under the platform's secret, cut to 22 base64url characters (132 bits).
 * Receipt numbers are sequential and guessable; the key is not, and since it is derived rather
 * than stored, every reprint of a receipt carries the same link and old applications need no
 * backfill. Rotating the secret invalidates printed links.
 */
export function trackKey(secret: string, receiptNo: string): string {
  return createHmac('sha256', secret)
    .update(`onetrip/track/v1\n${receiptNo}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Whether `key` is the receipt's key, compared in constant time. */
export function isTrackKey(secret: string, receiptNo: string, key: string | undefined): boolean {
  if (key === undefined) return false;
  const expected = Buffer.from(trackKey(secret, receiptNo));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
