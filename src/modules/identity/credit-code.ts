import { ValidationError, type Bilingual } from '../../platform/errors/index.js';

/**
 * GB 32100-2015 统一社会信用代码 (unified social credit code) with the embedded GB 11714
 * organisation code. Algorithms: shared/research/china-domain-rules.md §2.
 *
 * Policy (research §0 item 2, §2.5, §2.6):
 * - Both check characters are verified: the GB 32100 one (position 18) and the GB 11714 one of
 *   the embedded organisation code (position 17). A failure of either makes the code invalid.
 * - Some genuine codes from early pilot regions fail a check (e.g. `91350100M0001TGQXM`). They
 *   are accepted only when the caller passes them in `confirmed`, a set of codes an officer or
 *   an enterprise-registry lookup has confirmed; the result then lists the waived checks so
 *   the caller can record why it accepted the code. Length and charset are never waived.
 * - Registration-authority and organisation-type codes are only labelled, never rejected:
 *   most of the table is from secondary sources and the list has grown by amendment.
 */

/** The rule a credit code broke, in the order the checks run. */
export type CreditCodeRule = 'length' | 'charset' | 'checksum' | 'org-code-checksum';

/** A valid (or registry-confirmed) credit code and its parts. */
export interface ValidCreditCode {
  ok: true;
  /** The 18-character code, uppercase. */
  value: string;
  /** Position 1: 登记管理部门代码 (registration authority). */
  authorityCode: string;
  /** Position 2: 机构类别代码 (organisation type within the authority). */
  typeCode: string;
  /** Positions 3–8: division code of the registering office (GB/T 2260). */
  divisionCode: string;
  /** Positions 9–17: the GB 11714 organisation code (主体标识码), check character included. */
  orgCode: string;
  /** Checks that failed but were waived because the code is in `confirmed`; usually empty. */
  waived: Array<'checksum' | 'org-code-checksum'>;
}

/** Why a credit code was refused, with a message in both languages. */
export interface InvalidCreditCode {
  ok: false;
  rule: CreditCodeRule;
  message: Bilingual;
}

/** The outcome of {@link validateCreditCode}. */
export type CreditCodeResult = ValidCreditCode | InvalidCreditCode;

/** Options of {@link validateCreditCode} and {@link parseCreditCode}. */
export interface CreditCodeOptions {
  /** Codes confirmed genuine (registry lookup or an officer) although a check character fails. */
  confirmed?: ReadonlySet<string>;
}

/** The error code {@link parseCreditCode} throws with. */
export const INVALID_CREDIT_CODE = 'IDENTITY_INVALID_CREDIT_CODE';

// GB 32100 character set: digits and capitals without I, O, Z, S, V; value = index.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// 3^i mod 31 for i = 0..16 (research §2.2; the test recomputes it).
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
// GB 11714 counts every letter (A=10 … I=18 … Z=35): a different map from GB 32100's, and
// mixing the two is the classic bug (M is 21 there but 22 here).
const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const MESSAGES: Record<CreditCodeRule, Bilingual> = {
  length: {
    zh: '统一社会信用代码应为18位',
    en: 'A unified social credit code has 18 characters',
  },
  charset: {
    zh: '统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V，第3至8位为数字）',
    en: 'The credit code has characters that are not allowed (no I, O, Z, S or V; positions 3–8 are digits)',
  },
  checksum: {
    zh: '统一社会信用代码最后一位校验码不正确，请逐位核对',
    en: 'The check character of the credit code does not match; please check every character',
  },
  'org-code-checksum': {
    zh: '统一社会信用代码中的组织机构代码（第9至17位）校验不通过',
    en: 'The organisation code inside the credit code (positions 9–17) fails its check',
  },
};

function fail(rule: CreditCodeRule): InvalidCreditCode {
  return { ok: false, rule, message: MESSAGES[rule] };
}

/**
 * The GB 32100 check character (position 18) of the first 17 characters.
 * Throws RangeError when `body17` is not 17 characters of the GB 32100 set.
 */
export function creditCodeCheckChar(body17: string): string {
  if (body17.length !== 17) throw new RangeError('creditCodeCheckChar needs 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(body17[i] ?? '');
    if (value < 0) throw new RangeError(`creditCodeCheckChar: ${body17[i]} is not allowed`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CHARSET[(31 - (sum % 31)) % 31] ?? '';
}

/**
 * The GB 11714 check character (`0`–`9` or `X`) of an 8-character organisation-code body.
 * Throws RangeError when `body8` is not 8 digits or capital letters.
 */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError('orgCodeCheckChar needs 8 characters');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CHARSET.indexOf(body8[i] ?? '') * (ORG_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Validates a credit code as typed (trimmed, case-insensitive): length, charset, the GB 32100
 * check character, then the embedded GB 11714 organisation-code check. A code in
 * `options.confirmed` passes a failed check with the check listed in `waived`. Never throws.
 */
export function validateCreditCode(
  input: string,
  options: CreditCodeOptions = {},
): CreditCodeResult {
  const value = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (value.length !== 18) return fail('length');
  if (!FORMAT.test(value)) return fail('charset');
  const failed: Array<'checksum' | 'org-code-checksum'> = [];
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) failed.push('checksum');
  // The org-code body uses the GB 32100 set here, a subset of GB 11714's, so it never throws.
  if (orgCodeCheckChar(value.slice(8, 16)) !== value[16]) failed.push('org-code-checksum');
  const first = failed[0];
  if (first !== undefined && !options.confirmed?.has(value)) return fail(first);
  return {
    ok: true,
    value,
    authorityCode: value.slice(0, 1),
    typeCode: value.slice(1, 2),
    divisionCode: value.slice(2, 8),
    orgCode: value.slice(8, 17),
    waived: failed,
  };
}

/**
 * The ValidationError for a credit code that broke `rule`: code
 * `IDENTITY_INVALID_CREDIT_CODE`, one issue at `path` whose code is the rule.
 */
export function invalidCreditCodeError(rule: CreditCodeRule, path = 'creditCode'): ValidationError {
  const why = MESSAGES[rule];
  return new ValidationError(
    INVALID_CREDIT_CODE,
    { zh: `统一社会信用代码无效：${why.zh}`, en: `Invalid credit code: ${why.en}` },
    // Issue messages are not negotiated by the error handler, so they carry both languages.
    [{ path, code: rule, message: `${why.zh} / ${why.en}` }],
  );
}

/**
 * Like {@link validateCreditCode} but returns the valid code or throws ValidationError
 * `IDENTITY_INVALID_CREDIT_CODE` with one issue at `path` (default `creditCode`) naming the rule.
 */
export function parseCreditCode(
  input: string,
  options: CreditCodeOptions & { path?: string } = {},
): ValidCreditCode {
  const result = validateCreditCode(input, options);
  if (!result.ok) throw invalidCreditCodeError(result.rule, options.path);
  return result;
}

/** What {@link buildCreditCode} needs: everything but the two check characters. */
export interface CreditCodeParts {
  /** Registration authority, one GB 32100 character, e.g. `9` (工商). */
  authority: string;
  /** Organisation type, one GB 32100 character, e.g. `1` (企业). */
  type: string;
  /** 6-digit division code of the registering office, e.g. `330402`. */
  division: string;
  /** 8 characters of the GB 32100 set; the GB 11714 check character is computed. */
  orgBody8: string;
}

/**
 * Builds a valid 18-character credit code (both check characters computed), for test
 * factories and the synthetic population. Throws RangeError on malformed parts.
 */
export function buildCreditCode(parts: CreditCodeParts): string {
  const { authority, type, division, orgBody8 } = parts;
  const inSet = (s: string) => [...s].every((ch) => CHARSET.includes(ch));
  if (authority.length !== 1 || type.length !== 1 || !inSet(authority + type)) {
    throw new RangeError('buildCreditCode: authority and type are one allowed character each');
  }
  if (!/^\d{6}$/.test(division)) throw new RangeError('buildCreditCode: division has 6 digits');
  if (orgBody8.length !== 8 || !inSet(orgBody8)) {
    throw new RangeError('buildCreditCode: orgBody8 has 8 allowed characters');
  }
  const body17 = `${authority}${type}${division}${orgBody8}${orgCodeCheckChar(orgBody8)}`;
  return body17 + creditCodeCheckChar(body17);
}

/** One registration authority (登记管理部门) and the organisation types it registers. */
export interface CreditCodeAuthority {
  label: Bilingual;
  types: Record<string, Bilingual>;
  /** True for 1, 5, 9 and Y, which many sources confirm; the rest is secondary (research §2.5). */
  confirmed: boolean;
}

const OTHER: Bilingual = { zh: '其他', en: 'Other' };

/**
 * Labels of the registration-authority and organisation-type codes (positions 1 and 2), from
 * wenerme/go-gb `gb32100/code.go` as quoted in research §2.5. For display only.
 */
export const CREDIT_CODE_AUTHORITIES: Readonly<Record<string, CreditCodeAuthority>> = {
  '1': {
    label: { zh: '机构编制', en: 'Staffing authority' },
    confirmed: true,
    types: {
      '1': { zh: '机关', en: 'Government body' },
      '2': { zh: '事业单位', en: 'Public institution' },
      '3': {
        zh: '编办直接管理机构编制的群众团体',
        en: 'Mass organisation staffed by the staffing office',
      },
      '9': OTHER,
    },
  },
  '2': {
    label: { zh: '外交', en: 'Foreign affairs' },
    confirmed: false,
    types: {
      '1': { zh: '外国常驻新闻机构', en: 'Resident foreign news organisation' },
      '9': OTHER,
    },
  },
  '3': {
    label: { zh: '司法行政', en: 'Judicial administration' },
    confirmed: false,
    types: {
      '1': { zh: '律师执业机构', en: 'Law firm' },
      '2': { zh: '公证处', en: 'Notary office' },
      '3': { zh: '基层法律服务所', en: 'Grassroots legal service office' },
      '4': { zh: '司法鉴定机构', en: 'Forensic appraisal institution' },
      '5': { zh: '仲裁委员会', en: 'Arbitration commission' },
      '9': OTHER,
    },
  },
  '4': {
    label: { zh: '文化', en: 'Culture' },
    confirmed: false,
    types: { '1': { zh: '外国在华文化中心', en: 'Foreign cultural centre in China' }, '9': OTHER },
  },
  '5': {
    label: { zh: '民政', en: 'Civil affairs' },
    confirmed: true,
    types: {
      '1': { zh: '社会团体', en: 'Social organisation' },
      '2': { zh: '民办非企业单位', en: 'Private non-enterprise unit' },
      '3': { zh: '基金会', en: 'Foundation' },
      '9': OTHER,
    },
  },
  '6': {
    label: { zh: '旅游', en: 'Tourism' },
    confirmed: false,
    types: {
      '1': {
        zh: '外国旅游部门常驻代表机构',
        en: 'Resident office of a foreign tourism authority',
      },
      '2': {
        zh: '港澳台地区旅游部门常驻内地（大陆）代表机构',
        en: 'Resident mainland office of a Hong Kong, Macao or Taiwan tourism authority',
      },
      '9': OTHER,
    },
  },
  '7': {
    label: { zh: '宗教', en: 'Religious affairs' },
    confirmed: false,
    types: {
      '1': { zh: '宗教活动场所', en: 'Place of religious activity' },
      '2': { zh: '宗教院校', en: 'Religious college' },
      '9': OTHER,
    },
  },
  '8': {
    label: { zh: '工会', en: 'Trade unions' },
    confirmed: false,
    types: { '1': { zh: '基层工会', en: 'Grassroots trade union' }, '9': OTHER },
  },
  '9': {
    label: { zh: '工商', en: 'Industry and commerce (market regulation)' },
    confirmed: true,
    types: {
      '1': { zh: '企业', en: 'Enterprise' },
      '2': { zh: '个体工商户', en: 'Individual business' },
      '3': { zh: '农民专业合作社', en: "Farmers' specialised cooperative" },
    },
  },
  A: {
    label: { zh: '中央军委改革和编制办公室', en: 'CMC Reform and Organisation Office' },
    confirmed: false,
    types: { '1': { zh: '军队事业单位', en: 'Military public institution' }, '9': OTHER },
  },
  N: {
    label: { zh: '农业', en: 'Agriculture' },
    confirmed: false,
    types: {
      '1': { zh: '组级集体经济组织', en: 'Group-level collective economic organisation' },
      '2': { zh: '村级集体经济组织', en: 'Village-level collective economic organisation' },
      '3': { zh: '乡镇级集体经济组织', en: 'Township-level collective economic organisation' },
      '9': OTHER,
    },
  },
  Y: { label: OTHER, confirmed: true, types: { '1': OTHER } },
};

/**
 * The labels of a code's authority and organisation type (positions 1 and 2); null where the
 * table has no entry, which does not make the code invalid.
 */
export function describeCreditCode(code: string): {
  authority: Bilingual | null;
  type: Bilingual | null;
} {
  const value = code.trim().toUpperCase();
  const authority = CREDIT_CODE_AUTHORITIES[value.slice(0, 1)];
  return {
    authority: authority?.label ?? null,
    type: authority?.types[value.slice(1, 2)] ?? null,
  };
}
