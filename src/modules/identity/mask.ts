/**
 * Masked display of personal data (research §1.7: identity numbers are personal sensitive
 * information under GB/T 35273-2020). Each mask keeps a few characters so a person can
 * recognise their own record, and never throws: odd or short input is masked more, not less.
 */

const MASK = '*';

/**
 * Keeps `head` leading and `tail` trailing characters and replaces the rest with `*`, one per
 * character. When the input is too short to mask at least `minMasked` characters, fewer are
 * kept (the longer side gives up first), down to masking everything.
 */
function maskMiddle(value: string, head: number, tail: number, minMasked: number): string {
  // Array.from splits by code point, so a character outside the BMP is one mask, not two.
  const chars = Array.from(value);
  while (head + tail > 0 && chars.length - head - tail < minMasked) {
    if (head >= tail) head--;
    else tail--;
  }
  const masked = chars.length - head - tail;
  return (
    chars.slice(0, head).join('') + MASK.repeat(masked) + chars.slice(chars.length - tail).join('')
  );
}

function clean(value: string | null | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Masks an identity number: the first 6 (division) and last 4 characters stay,
 * `330681199003071233` → `330681********1233`. A 15-digit number keeps the same ends.
 */
export function maskIdNumber(idNumber: string | null | undefined): string {
  // At least the 5 characters a 15-digit number hides; shorter input keeps less.
  // Only the check character may be a lowercase x; uppercasing anything else could change the
  // length (ᾀ becomes two characters), so the mask would no longer line up.
  return maskMiddle(clean(idNumber).replace(/x$/, 'X'), 6, 4, 5);
}

/** Masks a mobile number: the first 3 and last 4 digits stay, `13812345678` → `138****5678`. */
export function maskPhone(phone: string | null | undefined): string {
  return maskMiddle(clean(phone), 3, 4, 4);
}

/**
 * Masks a person's name: the first character (usually the surname) stays and every other
 * character becomes `*`, `张三丰` → `张**`. A one-character name is masked entirely.
 */
export function maskName(name: string | null | undefined): string {
  return maskMiddle(clean(name), 1, 0, 1);
}
