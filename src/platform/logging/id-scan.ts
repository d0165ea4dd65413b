/**
 * Finds GB 11643-1999 identity numbers (公民身份号码) inside free text, so the log can mask
 * any that slipped past key-based redaction. The platform knows no module, so this is a
 * small, self-contained copy of the check (research china-domain-rules.md §1.2, §1.3):
 * 18 characters, a real birth date from 1850, and the ISO 7064 MOD 11-2 check character.
 * The province prefix is deliberately not checked: anything shaped like a number with a
 * matching check character is treated as one.
 */

// 2^(17-i) mod 11 for i = 0..16.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// 18 characters not glued to other digits: a longer run of digits is some other number.
const CANDIDATE = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;

function isRealBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1850 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

/**
 * Whether `value` is exactly an 18-character identity number with a real birth date and a
 * matching check character (a lowercase `x` counts as `X`). Never throws.
 */
export function isIdNumber(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] === value[17]?.toUpperCase() && isRealBirthDate(value.slice(6, 14));
}

/** Every identity number in `text` that stands on its own (not part of a longer digit run). */
export function findIdNumbers(text: string): string[] {
  return Array.from(text.matchAll(CANDIDATE), (m) => m[0]).filter(isIdNumber);
}

/**
 * Masks every identity number in `text` the way a person sees it masked, keeping the first 6
 * and last 4 characters: `330681199003071233` → `330681********1233`. Returns the text and how
 * many numbers were masked.
 */
export function maskIdNumbersIn(text: string): { text: string; masked: number } {
  let masked = 0;
  const out = text.replace(CANDIDATE, (candidate) => {
    if (!isIdNumber(candidate)) return candidate;
    masked++;
    return `${candidate.slice(0, 6)}********${candidate.slice(14).toUpperCase()}`;
  });
  return { text: out, masked };
}
