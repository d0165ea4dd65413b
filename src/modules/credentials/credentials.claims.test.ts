import { describe, expect, it } from 'vitest';
import {
  ageOver18,
  birthDateOfIdNumber,
  maskedClaims,
  provinceOf,
  withDerivedClaims,
} from './credentials.claims.js';

describe('derived claims', () => {
  it('is 18 or over from the 18th birthday on, in China time', () => {
    // 2008-03-07 turns 18 on 2026-03-07 (China), which starts at 2026-03-06T16:00Z.
    expect(ageOver18('2008-03-07', new Date('2026-03-06T15:59:59Z'))).toBe(false);
    expect(ageOver18('2008-03-07', new Date('2026-03-06T16:00:00Z'))).toBe(true);
    expect(ageOver18('1990-03-07', new Date('2026-12-01T02:00:00Z'))).toBe(true);
    expect(ageOver18('2010-01-01', new Date('2026-12-01T02:00:00Z'))).toBe(false);
  });

  it('comes of age on 1 March when born on 29 February, in a common year', () => {
    expect(ageOver18('2008-02-29', new Date('2026-02-28T04:00:00Z'))).toBe(false);
    expect(ageOver18('2008-02-29', new Date('2026-03-01T04:00:00Z'))).toBe(true);
  });

  it('cannot tell from no date', () => {
    expect(ageOver18(undefined, new Date())).toBeUndefined();
    expect(ageOver18('1990/03/07', new Date())).toBeUndefined();
  });

  it('names the province from the address, else from the identity number', () => {
    expect(provinceOf('浙江省诸暨市暨阳街道艮塔西路 18 号', '110101199003071234')).toBe('浙江省');
    expect(provinceOf(undefined, '330681199003071233')).toBe('浙江省');
    expect(provinceOf('诸暨市某路', '440301199003071234')).toBe('广东省');
    expect(provinceOf('新疆维吾尔自治区乌鲁木齐市', null)).toBe('新疆维吾尔自治区');
    expect(provinceOf(undefined, 'x')).toBeUndefined();
  });

  it('reads the birth date of an identity number', () => {
    expect(birthDateOfIdNumber('330681199003071233')).toBe('1990-03-07');
    expect(birthDateOfIdNumber('3306811990')).toBeUndefined();
  });

  it('adds age_over_18 and province to a person’s credential only', () => {
    const on = new Date('2026-12-01T02:00:00Z');
    expect(withDerivedClaims({ idNumber: '330681199003071233', name: '张伟' }, on)).toEqual({
      idNumber: '330681199003071233',
      name: '张伟',
      age_over_18: true,
      province: '浙江省',
    });
    expect(withDerivedClaims({ creditCode: '91330402MA2CXK7T89' }, on)).toEqual({
      creditCode: '91330402MA2CXK7T89',
    });
  });

  it('masks every identity number the wallet lists, wherever it is', () => {
    expect(
      maskedClaims({
        idNumber: '330681199003071233',
        licenceNumber: '330681199003071233',
        note: '配偶 33040220000229002X',
        name: '张伟',
        list: ['330681199003071233'],
      }),
    ).toEqual({
      idNumber: '330681********1233',
      licenceNumber: '330681********1233',
      note: '配偶 330402********002X',
      name: '张伟',
      list: ['330681********1233'],
    });
  });
});
