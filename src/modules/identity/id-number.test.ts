import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors/index.js';
import {
  buildIdNumber,
  idCheckChar,
  parseIdNumber,
  upgradeLegacyIdNumber,
  validateIdNumber,
  type IdNumberRule,
} from './id-number.js';

const TODAY = new Date('2026-12-01T10:00:00+08:00');

function ruleOf(input: string, today = TODAY): IdNumberRule | 'ok' {
  const result = validateIdNumber(input, today);
  return result.ok ? 'ok' : result.rule;
}

describe('idCheckChar', () => {
  it('uses the weights 2^(17-i) mod 11', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    expect(weights).toEqual(Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11));
  });

  // Research §1.2: the appendix example and the computed table.
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['11010519500101003', '9'],
    ['33068119900307123', '3'],
    ['33040220000229002', 'X'],
    ['33052119851201051', '2'],
    ['33078220101010888', '4'],
    ['33011320100101123', '3'],
  ])('%s → %s', (body, check) => {
    expect(idCheckChar(body)).toBe(check);
  });

  it('refuses a body that is not 17 digits', () => {
    expect(() => idCheckChar('1234')).toThrow(RangeError);
    expect(() => idCheckChar('1101051949123100X')).toThrow(RangeError);
  });

  it('agrees with the ISO 7064 full-number form: sum of value × 2^(17-i) ≡ 1 (mod 11)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (body) => {
        const full = body + idCheckChar(body);
        const sum = [...full].reduce(
          (s, c, i) => s + (c === 'X' ? 10 : Number(c)) * (2 ** (17 - i) % 11),
          0,
        );
        expect(sum % 11).toBe(1);
      }),
    );
  });
});

describe('validateIdNumber: worked examples of research §1.2', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female', '110105'],
    ['440524188001010014', '1880-01-01', 'male', '440524'],
    ['110105195001010039', '1950-01-01', 'male', '110105'],
    ['330681199003071233', '1990-03-07', 'male', '330681'],
    ['33040220000229002X', '2000-02-29', 'female', '330402'],
    ['330521198512010512', '1985-12-01', 'male', '330521'],
    ['330782201010108884', '2010-10-10', 'female', '330782'],
    // 330113 (临平区) only exists since 2021; the address code is never checked against a table.
    ['330113201001011233', '2010-01-01', 'male', '330113'],
  ])('%s is valid: born %s, %s, division %s', (id, birthDate, sex, divisionCode) => {
    expect(validateIdNumber(id, TODAY)).toEqual({
      ok: true,
      value: id,
      birthDate,
      sex,
      divisionCode,
    });
  });

  it('accepts a lowercase x and normalises it, and trims spaces', () => {
    const result = validateIdNumber(' 11010519491231002x ', TODAY);
    expect(result).toMatchObject({ ok: true, value: '11010519491231002X' });
  });
});

describe('validateIdNumber: refusals in the order of research §0', () => {
  it.each([
    ['', 'length'],
    ['11010519491231002', 'length'],
    ['11010519491231002XX', 'length'],
    ['1101051949123100', 'length'],
    ['1101051949123100XX', 'charset'],
    ['11010519491231002Y', 'charset'],
    ['110105194912310A2X', 'charset'],
    ['１１０１０５１９４９１２３１００２Ｘ', 'charset'],
    ['110105491231002A', 'length'],
    ['11010549123100A', 'charset'],
    ['110105194912310021', 'checksum'],
    ['11010519491231002X'.replace('1949', '1948'), 'checksum'],
  ])('%s → %s', (id, rule) => {
    expect(ruleOf(id)).toBe(rule);
  });

  // The id-validator@1.3.0 counter-examples of research §1.6: that package accepts them all.
  // Their check characters are right, so it is the date rules that must refuse them.
  it.each([
    ['330402199902300013', 'birth-date'], // 30 February
    ['330402200102290027', 'birth-date'], // 2001 is not a leap year
    ['330402209901010010', 'birth-in-future'],
  ])('%s → %s', (id, rule) => {
    expect(idCheckChar(id.slice(0, 17))).toBe(id[17]);
    expect(ruleOf(id)).toBe(rule);
  });

  it.each([
    ['33040219001301001', 'birth-date'], // month 13
    ['33040219000100001', 'birth-date'], // day 0
    ['33040219000431001', 'birth-date'], // 31 April
    ['33040219000229001', 'birth-date'], // 1900 is not a leap year
    ['33040218490101001', 'birth-date'], // before 1850 (policy)
  ])('%s + check → %s', (body, rule) => {
    expect(ruleOf(body + idCheckChar(body))).toBe(rule);
  });

  it('checks the date before the future and the future before the province', () => {
    const badDateBadProvince = '99040219990230001';
    expect(ruleOf(badDateBadProvince + idCheckChar(badDateBadProvince))).toBe('birth-date');
    const futureBadProvince = '99040220990101001';
    expect(ruleOf(futureBadProvince + idCheckChar(futureBadProvince))).toBe('birth-in-future');
  });

  it.each([
    '00',
    '10',
    '16',
    '20',
    '24',
    '30',
    '38',
    '40',
    '47',
    '49',
    '55',
    '60',
    '66',
    '70',
    '72',
    '80',
    '84',
    '90',
    '99',
  ])('refuses province prefix %s', (prefix) => {
    const body = `${prefix}010219900101001`;
    expect(ruleOf(body + idCheckChar(body))).toBe('province');
  });

  it.each(['11', '33', '65', '71', '81', '82', '83'])('accepts province prefix %s', (prefix) => {
    const body = `${prefix}010219900101001`;
    expect(ruleOf(body + idCheckChar(body))).toBe('ok');
  });

  it('compares the birth date with today in Asia/Shanghai, not in UTC or the host zone', () => {
    const id = buildIdNumber({ division: '330402', birthDate: '2026-03-08', sequence: 1 });
    // 16:30 UTC on 7 March is already 00:30 on 8 March in Shanghai.
    expect(ruleOf(id, new Date('2026-03-07T16:30:00Z'))).toBe('ok');
    expect(ruleOf(id, new Date('2026-03-07T15:59:59Z'))).toBe('birth-in-future');
  });
});

describe('15-digit legacy numbers (research §1.5)', () => {
  it.each([
    ['110105491231002', '11010519491231002X'],
    ['330402850101123', '330402198501011232'],
    ['130503670401001', '130503196704010016'],
  ])('%s → %s', (id15, id18) => {
    expect(upgradeLegacyIdNumber(id15)).toBe(id18);
    expect(validateIdNumber(id15, TODAY)).toMatchObject({ ok: true, value: id18 });
  });

  it('puts sequence codes 996–999 (centenarians) in the 1800s', () => {
    expect(upgradeLegacyIdNumber('440524800101996').slice(6, 14)).toBe('18800101');
    expect(upgradeLegacyIdNumber('440524800101999').slice(6, 14)).toBe('18800101');
    expect(upgradeLegacyIdNumber('440524800101995').slice(6, 14)).toBe('19800101');
    expect(validateIdNumber('440524800101997', TODAY)).toMatchObject({
      ok: true,
      birthDate: '1880-01-01',
      sex: 'male',
    });
  });

  it('refuses an impossible date, a non-digit or a wrong length', () => {
    expect(ruleOf('330402990230001')).toBe('birth-date');
    expect(ruleOf('330402010229002')).toBe('birth-date'); // 1901 is not a leap year
    expect(() => upgradeLegacyIdNumber('330402990230001')).toThrow(ValidationError);
    expect(() => upgradeLegacyIdNumber('33040299023000X')).toThrow(ValidationError);
    expect(() => upgradeLegacyIdNumber('3304029902300')).toThrow(ValidationError);
  });
});

describe('parseIdNumber', () => {
  it('returns the valid number', () => {
    expect(parseIdNumber('33040220000229002x', TODAY).value).toBe('33040220000229002X');
  });

  it.each([
    ['12345', 'length'],
    ['110105194912310021', 'checksum'],
  ])('throws IDENTITY_INVALID_ID_NUMBER naming the rule for %s', (id, rule) => {
    let error: unknown;
    try {
      parseIdNumber(id, TODAY);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.status).toBe(422);
    expect(v.code).toBe('IDENTITY_INVALID_ID_NUMBER');
    expect(v.issues).toHaveLength(1);
    expect(v.issues[0]).toMatchObject({ path: 'idNumber', code: rule });
    expect(v.messages.zh).toMatch(/身份证号/);
    expect(v.messages.en).toMatch(/identity number/);
    expect(v.details).toEqual({ issues: v.issues });
  });

  it('names the rule in both languages', () => {
    const messages = (id: string) => {
      try {
        parseIdNumber(id, TODAY);
      } catch (e) {
        return (e as ValidationError).messages;
      }
      throw new Error('expected a refusal');
    };
    expect(messages('110105194912310021')).toEqual({
      zh: expect.stringContaining('校验码') as unknown,
      en: expect.stringContaining('check character') as unknown,
    });
    const future = '33040220990101001';
    expect(messages(future + idCheckChar(future))).toEqual({
      zh: expect.stringContaining('晚于今天') as unknown,
      en: expect.stringContaining('future') as unknown,
    });
  });

  it('puts the issue at a caller-given path', () => {
    expect(() => parseIdNumber('1', TODAY, 'applicant.idNumber')).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ path: 'applicant.idNumber' })],
      }),
    );
  });
});

describe('buildIdNumber', () => {
  it('builds the worked examples from their parts', () => {
    expect(buildIdNumber({ division: '110105', birthDate: '1949-12-31', sequence: 2 })).toBe(
      '11010519491231002X',
    );
    expect(buildIdNumber({ division: '330681', birthDate: '1990-03-07', sequence: 123 })).toBe(
      '330681199003071233',
    );
  });

  it('refuses malformed parts', () => {
    expect(() => buildIdNumber({ division: '3304', birthDate: '2000-01-01', sequence: 1 })).toThrow(
      RangeError,
    );
    expect(() =>
      buildIdNumber({ division: '990402', birthDate: '2000-01-01', sequence: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      buildIdNumber({ division: '330402', birthDate: '2001-02-29', sequence: 1 }),
    ).toThrow(RangeError);
    expect(() => buildIdNumber({ division: '330402', birthDate: '20000101', sequence: 1 })).toThrow(
      RangeError,
    );
    expect(() =>
      buildIdNumber({ division: '330402', birthDate: '2000-01-01', sequence: 1000 }),
    ).toThrow(RangeError);
    expect(() =>
      buildIdNumber({ division: '330402', birthDate: '2000-01-01', sequence: 1.5 }),
    ).toThrow(RangeError);
  });
});

describe('properties', () => {
  const provinces = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
  ];
  const parts = fc.record({
    division: fc
      .tuple(fc.constantFrom(...provinces), fc.integer({ min: 0, max: 9999 }))
      .map(([p, rest]) => `${p}${String(rest).padStart(4, '0')}`),
    birthDate: fc
      .date({
        min: new Date('1850-01-01T00:00:00Z'),
        max: new Date('2026-11-30T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
    sequence: fc.integer({ min: 0, max: 999 }),
  });

  it('every built number validates and gives back its parts', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const id = buildIdNumber(p);
        expect(validateIdNumber(id, TODAY)).toEqual({
          ok: true,
          value: id,
          birthDate: p.birthDate,
          sex: p.sequence % 2 === 1 ? 'male' : 'female',
          divisionCode: p.division,
        });
      }),
    );
  });

  it('changing any single character of a valid number makes it fail', () => {
    fc.assert(
      fc.property(
        parts,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        (p, position, replacement) => {
          const id = buildIdNumber(p);
          fc.pre(id[position] !== replacement);
          const changed = id.slice(0, position) + replacement + id.slice(position + 1);
          const result = validateIdNumber(changed, TODAY);
          expect(result.ok).toBe(false);
          // MOD 11-2 catches every single substitution, so it is never the date that catches it.
          expect(['checksum', 'charset']).toContain(result.ok ? 'ok' : result.rule);
        },
      ),
    );
  });

  it('a lowercase x validates like the uppercase X and is normalised', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const id = buildIdNumber(p);
        fc.pre(id.endsWith('X'));
        expect(validateIdNumber(id.toLowerCase(), TODAY)).toEqual(validateIdNumber(id, TODAY));
      }),
      { numRuns: 50 },
    );
  });

  it('a 15-digit number round-trips through the 18-digit form', () => {
    fc.assert(
      fc.property(parts, (p) => {
        fc.pre(p.birthDate >= '1900-01-01' && p.birthDate < '2000-01-01' && p.sequence < 996);
        const id18 = buildIdNumber(p);
        const id15 = id18.slice(0, 6) + id18.slice(8, 17);
        expect(upgradeLegacyIdNumber(id15)).toBe(id18);
      }),
    );
  });
});
