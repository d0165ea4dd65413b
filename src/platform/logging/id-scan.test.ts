import { describe, expect, it } from 'vitest';
import { findIdNumbers, isIdNumber, maskIdNumbersIn } from './id-scan.js';

// The published and computed examples of research china-domain-rules.md §1.2.
const EXAMPLES = [
  '11010519491231002X', // GB 11643 appendix example
  '440524188001010014', // appendix example, born 1880
  '110105195001010039', // wenerme/go-gb tests
  '330681199003071233',
  '33040220000229002X', // 2000-02-29, a leap day
  '330521198512010512',
  '330782201010108884',
  '330113201001011233',
];

describe('isIdNumber', () => {
  it('accepts every published example, a lowercase x too', () => {
    for (const n of EXAMPLES) expect(isIdNumber(n), n).toBe(true);
    expect(isIdNumber('11010519491231002x')).toBe(true);
  });

  it('refuses a wrong check character, one changed digit, or 17 and 19 digits', () => {
    expect(isIdNumber('110105194912310021')).toBe(false);
    expect(isIdNumber('330681199003071234')).toBe(false);
    expect(isIdNumber('330681199003071243')).toBe(false);
    expect(isIdNumber('33068119900307123')).toBe(false);
    expect(isIdNumber('3306811990030712330')).toBe(false);
  });

  it('refuses a birth date that is not a real date from 1850 (check character recomputed)', () => {
    // Feb 30, 2001-02-29 and 1849 (research §1.6 lists the first two as a package's mistakes).
    expect(isIdNumber('330402199902300013')).toBe(false);
    expect(isIdNumber('330402200102290027')).toBe(false);
    expect(isIdNumber('330402184901010012')).toBe(false);
  });
});

describe('findIdNumbers / maskIdNumbersIn', () => {
  it('finds numbers inside text and masks them as a person sees them', () => {
    const text = 'Key (id_number)=(330681199003071233) already exists; 父亲11010519491231002x。';
    expect(findIdNumbers(text)).toEqual(['330681199003071233', '11010519491231002x']);
    expect(maskIdNumbersIn(text)).toEqual({
      text: 'Key (id_number)=(330681********1233) already exists; 父亲110105********002X。',
      masked: 2,
    });
  });

  it('leaves alone what is not a number: a longer run of digits, 17 digits, a bad check', () => {
    const text = 'ts 1330681199003071233 n 33068119900307123 bad 330681199003071234';
    expect(findIdNumbers(text)).toEqual([]);
    expect(maskIdNumbersIn(text)).toEqual({ text, masked: 0 });
  });
});
