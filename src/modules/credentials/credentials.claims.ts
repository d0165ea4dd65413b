import { isIdNumber, maskIdNumbersIn } from '../../platform/logging/index.js';
import { maskIdNumber } from '../identity/index.js';

// GB/T 2260: the first two digits of a division (and of an identity number) name the province.
const PROVINCES: Record<string, string> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};
const PROVINCE_NAMES = Object.values(PROVINCES);

/**
 * The province of an address (its leading 浙江省 …), else of the identity number's first two
 * digits, else undefined. Throws nothing.
 */
export function provinceOf(address: unknown, idNumber: unknown): string | undefined {
  if (typeof address === 'string') {
    const a = address.trim();
    const named = PROVINCE_NAMES.find((p) => a.startsWith(p));
    if (named) return named;
  }
  if (typeof idNumber === 'string' && /^\d{2}/.test(idNumber))
    return PROVINCES[idNumber.slice(0, 2)];
  return undefined;
}

/** The date `on` in China Standard Time (YYYY-MM-DD). Throws nothing. */
export const chinaDate = (on: Date): string =>
  new Date(on.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The birth date of an 18-digit identity number (YYYY-MM-DD), or undefined. Throws nothing. */
export function birthDateOfIdNumber(idNumber: unknown): string | undefined {
  if (typeof idNumber !== 'string' || !/^\d{17}[\dXx]$/.test(idNumber)) return undefined;
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/**
 * Whether a person born on `birthDate` (YYYY-MM-DD) is 18 or over on `on` (China time): the
 * 18th birthday has come; one born on 29 February comes of age on 1 March in common years.
 * Undefined for a date that cannot be read. Throws nothing.
 */
export function ageOver18(birthDate: unknown, on: Date): boolean | undefined {
  if (typeof birthDate !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return undefined;
  const comingOfAge = `${Number(m[1]) + 18}-${m[2]}-${m[3]}`;
  return comingOfAge <= chinaDate(on);
}

/**
 * The claims of a credential with its derived claims for `on`: `age_over_18` (from the birth
 * date, or the identity number's) and `province` (from the address, or the identity number)
 * where the credential is about a person. Throws nothing.
 */
export function withDerivedClaims(
  claims: Record<string, unknown>,
  on: Date,
): Record<string, unknown> {
  const out = { ...claims };
  const idNumber = claims.idNumber;
  if (typeof idNumber !== 'string') return out;
  const adult = ageOver18(claims.birthDate ?? birthDateOfIdNumber(idNumber), on);
  if (adult !== undefined) out.age_over_18 = adult;
  const province = provinceOf(claims.address ?? claims.residenceAddress, idNumber);
  if (province) out.province = province;
  return out;
}

/** Claims as the holder's wallet lists them: every identity number masked. Throws nothing. */
export function maskedClaims(claims: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, maskValue(v)]));
}

function maskValue(v: unknown): unknown {
  if (typeof v === 'string')
    return isIdNumber(v.trim()) ? maskIdNumber(v) : maskIdNumbersIn(v).text;
  if (Array.isArray(v)) return v.map(maskValue);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskValue(x)]));
  return v;
}
