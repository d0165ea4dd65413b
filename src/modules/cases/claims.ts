import { randomBytes } from 'node:crypto';
import { buildCreditCode } from '../identity/index.js';
import { serialNumber, type ClaimGenerator } from './tasks.service.js';

// The characters of a credit code's body (GB 32100: digits and letters without I, O, S, V, Z).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * The claims a county issues that a reviewer did not type: a new company's unified social
 * credit code registered in `division` (e.g. Nanhu, 330402), otherwise a serial number whose
 * prefix comes from the output type (`BusinessLicence` → BUSI20261201123456).
 */
export function countyClaims(division: string): ClaimGenerator {
  return (claim, outputType, at) => {
    if (claim === 'creditCode') {
      const body = [...randomBytes(6)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
      return buildCreditCode({ authority: '9', type: '1', division, orgBody8: `MA${body}` });
    }
    const prefix =
      outputType
        .replace(/[^A-Za-z]/g, '')
        .slice(0, 4)
        .toUpperCase() || 'NO';
    return serialNumber(prefix, at);
  };
}
