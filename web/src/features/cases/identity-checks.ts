import type { MessageKey } from '../../i18n';

/*
 * The checks the server makes on identity numbers (GB 11643) and credit codes (GB 32100), made
 * again in the browser so a mistyped digit shows while typing. The server stays the judge:
 * its answer is shown when it disagrees.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/** The problem with an identity number as typed, or null when it is a valid 18-character one. */
export function idNumberProblem(input: string, today = new Date()): MessageKey | null {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return 'identity.id.length';
  if (!/^\d{17}[\dX]$/.test(value)) return 'identity.id.charset';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * (ID_WEIGHTS[i] ?? 0);
  if (ID_CHECK[sum % 11] !== value[17]) return 'identity.id.checksum';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return 'identity.id.birthDate';
  }
  const shanghaiToday = new Date(today.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (value.slice(6, 14) > shanghaiToday.replaceAll('-', '')) return 'identity.id.birthFuture';
  if (!PROVINCES.has(Number(value.slice(0, 2)))) return 'identity.id.province';
  return null;
}

/**
 * The problem with a partly typed identity number, judged only on what is there: a wrong
 * character at once, the full checks once 18 characters are in. Null while it may still be right.
 */
export function idNumberTypingProblem(input: string): MessageKey | null {
  const value = input.trim().toUpperCase();
  if (value.length < 18) {
    return /^\d*$/.test(value) || /^\d{17}X$/.test(value) ? null : 'identity.id.charset';
  }
  return idNumberProblem(value);
}

const CC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const CC_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The problem with a credit code as typed, or null when both check characters are right. */
export function creditCodeProblem(input: string): MessageKey | null {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return 'identity.cc.length';
  if (!CC_FORMAT.test(value)) return 'identity.cc.charset';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CC_CHARSET.indexOf(value[i] ?? '') * (CC_WEIGHTS[i] ?? 0);
  if (CC_CHARSET[(31 - (sum % 31)) % 31] !== value[17]) return 'identity.cc.checksum';
  let org = 0;
  for (let i = 0; i < 8; i++)
    org += ORG_CHARSET.indexOf(value[8 + i] ?? '') * (ORG_WEIGHTS[i] ?? 0);
  const c = 11 - (org % 11);
  const check = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  if (check !== value[16]) return 'identity.cc.orgChecksum';
  return null;
}

/** Like {@link creditCodeProblem} for a code still being typed. */
export function creditCodeTypingProblem(input: string): MessageKey | null {
  const value = input.trim().toUpperCase();
  if (value.length < 18) {
    return /^[0-9A-HJ-NPQRTUWXY]*$/.test(value) ? null : 'identity.cc.charset';
  }
  return creditCodeProblem(value);
}
