import { ValidationError, type Bilingual } from '../../platform/errors/index.js';

/**
 * GB 11643-1999 公民身份号码 (resident identity number): validation, the check character,
 * the 15-digit legacy conversion and a builder for synthetic numbers.
 * Algorithms and policy: shared/research/china-domain-rules.md §0 item 1 and §1.
 */

/** The rule an identity number broke, named in the order the checks run (research §0 item 1). */
export type IdNumberRule =
  'length' | 'charset' | 'checksum' | 'birth-date' | 'birth-in-future' | 'province';

/** Sex as encoded by the parity of the 17th digit (odd = male, even = female). */
export type IdNumberSex = 'male' | 'female';

/** A valid identity number, normalised to 18 characters with an uppercase `X`. */
export interface ValidIdNumber {
  ok: true;
  /** The 18-character number; a 15-digit legacy number is converted. */
  value: string;
  /** `YYYY-MM-DD` from positions 7–14. */
  birthDate: string;
  sex: IdNumberSex;
  /** The 6-digit 地址码 as issued; it may name a division that no longer exists. */
  divisionCode: string;
}

/** Why an identity number was refused, with a message in both languages. */
export interface InvalidIdNumber {
  ok: false;
  rule: IdNumberRule;
  message: Bilingual;
}

/** The outcome of {@link validateIdNumber}. */
export type IdNumberResult = ValidIdNumber | InvalidIdNumber;

/** The error code {@link parseIdNumber} throws with. */
export const INVALID_ID_NUMBER = 'IDENTITY_INVALID_ID_NUMBER';

// 2^(17-i) mod 11 for i = 0..16 (research §1.2; the test recomputes it).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// Policy, not law (research §1.3): the standard's own example is born 1880, and nobody alive
// was born much earlier, so an earlier year is a typing error rather than a person.
const MIN_BIRTH_YEAR = 1850;

// Province-level prefixes (research §1.4): only these are checked, never the full 6-digit
// code, because numbers keep the code of the division as it was when they were issued.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

const MESSAGES: Record<IdNumberRule, Bilingual> = {
  length: {
    zh: '身份证号应为18位（旧式号码为15位）',
    en: 'An identity number has 18 characters (15 digits for an old-style number)',
  },
  charset: {
    zh: '身份证号只能由数字组成，最后一位可以是X',
    en: 'An identity number consists of digits; only the last character may be X',
  },
  checksum: {
    zh: '身份证号校验码不正确，请逐位核对',
    en: 'The check character of the identity number does not match; please check every digit',
  },
  'birth-date': {
    zh: '身份证号中的出生日期不是有效日期',
    en: 'The birth date in the identity number is not a real date',
  },
  'birth-in-future': {
    zh: '身份证号中的出生日期晚于今天',
    en: 'The birth date in the identity number is in the future',
  },
  province: {
    zh: '身份证号前两位不是有效的省级行政区划代码',
    en: 'The first two digits of the identity number are not a province code',
  },
};

function fail(rule: IdNumberRule): InvalidIdNumber {
  return { ok: false, rule, message: MESSAGES[rule] };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYYMMDD` → `YYYY-MM-DD` when it is a real Gregorian date from 1850 on, else null. */
function birthDateOf(yyyymmdd: string): string | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < MIN_BIRTH_YEAR || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Today's civil date in Asia/Shanghai (+08:00, no DST), whatever the host time zone. */
function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The ISO 7064 MOD 11-2 check character (`0`–`9` or `X`) of a 17-digit body.
 * Throws RangeError when `body17` is not 17 ASCII digits.
 */
export function idCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError('idCheckChar needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/** The 17-digit body of a 15-digit legacy number, or the rule it breaks. */
function upgradeBody(id15: string): { body: string } | { rule: IdNumberRule } {
  if (id15.length !== 15) return { rule: 'length' };
  if (!/^\d{15}$/.test(id15)) return { rule: 'charset' };
  // Under GB 11643-1989, sequence codes 996–999 marked people aged 100 or more, so they were
  // born in the 1800s; the 1999 standard dropped that clause (research §1.5).
  const century = Number(id15.slice(12, 15)) >= 996 ? '18' : '19';
  const body17 = `${id15.slice(0, 6)}${century}${id15.slice(6)}`;
  return birthDateOf(body17.slice(6, 14)) === null ? { rule: 'birth-date' } : { body: body17 };
}

/**
 * Converts a 15-digit legacy number (GB 11643-1989, no check digit) to its 18-character form,
 * applying the centenarian rule (sequence 996–999 → born 18xx).
 * Throws ValidationError `IDENTITY_INVALID_ID_NUMBER` (rule length, charset or birth-date).
 */
export function upgradeLegacyIdNumber(id15: string): string {
  const upgraded = upgradeBody(id15.trim());
  if ('rule' in upgraded) throw invalidIdNumberError(upgraded.rule);
  return upgraded.body + idCheckChar(upgraded.body);
}

/**
 * Validates an identity number as typed by a person: trims it, accepts a lowercase `x`, and
 * converts a 15-digit legacy number. Checks, in order: length, charset, check character,
 * birth date (real, from 1850), birth not after `today` (in Asia/Shanghai), province prefix.
 * The full 6-digit division code is deliberately not checked (research §1.4). Never throws
 * for any input; `today` must be a valid Date.
 */
export function validateIdNumber(input: string, today: Date): IdNumberResult {
  const raw = typeof input === 'string' ? input.trim().toUpperCase() : '';
  let value: string;
  if (raw.length === 15) {
    const upgraded = upgradeBody(raw);
    if ('rule' in upgraded) return fail(upgraded.rule);
    value = upgraded.body + idCheckChar(upgraded.body);
  } else if (raw.length === 18) {
    if (!/^\d{17}[\dX]$/.test(raw)) return fail('charset');
    if (idCheckChar(raw.slice(0, 17)) !== raw[17]) return fail('checksum');
    value = raw;
  } else {
    return fail('length');
  }
  const birthDate = birthDateOf(value.slice(6, 14));
  if (birthDate === null) return fail('birth-date');
  // ISO dates compare correctly as strings.
  if (birthDate > shanghaiDate(today)) return fail('birth-in-future');
  if (!PROVINCES.has(Number(value.slice(0, 2)))) return fail('province');
  return {
    ok: true,
    value,
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    divisionCode: value.slice(0, 6),
  };
}

/**
 * The ValidationError for an identity number that broke `rule`: code
 * `IDENTITY_INVALID_ID_NUMBER`, one issue at `path` whose code is the rule.
 */
export function invalidIdNumberError(rule: IdNumberRule, path = 'idNumber'): ValidationError {
  const why = MESSAGES[rule];
  return new ValidationError(
    INVALID_ID_NUMBER,
    { zh: `身份证号无效：${why.zh}`, en: `Invalid identity number: ${why.en}` },
    // Issue messages are not negotiated by the error handler, so they carry both languages.
    [{ path, code: rule, message: `${why.zh} / ${why.en}` }],
  );
}

/**
 * Like {@link validateIdNumber} but returns the valid number or throws ValidationError
 * `IDENTITY_INVALID_ID_NUMBER` with one issue at `path` (default `idNumber`) naming the rule.
 */
export function parseIdNumber(input: string, today: Date, path = 'idNumber'): ValidIdNumber {
  const result = validateIdNumber(input, today);
  if (!result.ok) throw invalidIdNumberError(result.rule, path);
  return result;
}

/** What {@link buildIdNumber} needs: the parts of the 17-digit body. */
export interface IdNumberParts {
  /** 6-digit division code with a valid province prefix, e.g. `330402`. */
  division: string;
  /** `YYYY-MM-DD`, a real date from 1850 on. */
  birthDate: string;
  /** 0–999; its parity decides the sex (odd = male). */
  sequence: number;
}

/**
 * Builds a valid 18-character identity number from its parts, for test factories and the
 * synthetic population. Does not know "today": a future birth date builds a number that
 * {@link validateIdNumber} refuses. Throws RangeError on malformed parts.
 */
export function buildIdNumber(parts: IdNumberParts): string {
  const { division, birthDate, sequence } = parts;
  if (!/^\d{6}$/.test(division) || !PROVINCES.has(Number(division.slice(0, 2)))) {
    throw new RangeError(`buildIdNumber: bad division code ${division}`);
  }
  const compact = /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate.replaceAll('-', '') : '';
  if (birthDateOf(compact) === null)
    throw new RangeError(`buildIdNumber: bad birth date ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`buildIdNumber: sequence ${sequence} is not in 0–999`);
  }
  const body = `${division}${compact}${String(sequence).padStart(3, '0')}`;
  return body + idCheckChar(body);
}
