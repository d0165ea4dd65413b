import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors/index.js';
import {
  CREDIT_CODE_AUTHORITIES,
  buildCreditCode,
  creditCodeCheckChar,
  describeCreditCode,
  orgCodeCheckChar,
  parseCreditCode,
  validateCreditCode,
  type CreditCodeRule,
} from './credit-code.js';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function ruleOf(input: string): CreditCodeRule | 'ok' {
  const result = validateCreditCode(input);
  return result.ok ? 'ok' : result.rule;
}

describe('check characters', () => {
  it('weights are 3^i mod 31', () => {
    const expected = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
    expect(expected).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
    // Unit vectors give each weight back: a single 1 at i contributes W[i], check = 31 − W[i].
    for (let i = 0; i < 17; i++) {
      const body = '0'.repeat(i) + '1' + '0'.repeat(16 - i);
      expect(CHARSET.indexOf(creditCodeCheckChar(body))).toBe((31 - (expected[i] ?? 0)) % 31);
    }
  });

  // Research §2.4 and the table under it.
  it.each([
    ['91350100M000100Y4', '3'],
    ['91310230MA1K314J7', 'C'],
    ['91310230MA1K314K5', '7'],
    ['91330402MA2CXK7T8', '9'],
  ])('GB 32100 check of %s is %s', (body, check) => {
    expect(creditCodeCheckChar(body)).toBe(check);
  });

  it.each([
    ['M000100Y', '4'],
    ['MA1K314J', '7'],
    ['MA1K314K', '5'],
    ['MA2CXK7T', '8'],
  ])('GB 11714 check of %s is %s (M = 22, Y = 34 in that map)', (body, check) => {
    expect(orgCodeCheckChar(body)).toBe(check);
  });

  it('GB 11714 maps 10 to X and 11 to 0', () => {
    // 11 − (S mod 11) is 10 or 11 for some bodies; a few hundred numeric bodies include both.
    const bodies = Array.from({ length: 400 }, (_, n) => String(n).padStart(8, '0'));
    expect(bodies.map(orgCodeCheckChar)).toContain('X');
    expect(bodies.map(orgCodeCheckChar)).toContain('0');
    expect(orgCodeCheckChar('00000000')).toBe('0');
  });

  it('refuses malformed bodies', () => {
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100I4')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('M000100')).toThrow(RangeError);
  });
});

describe('validateCreditCode', () => {
  it.each([
    ['91350100M000100Y43', '9', '1', '350100', 'M000100Y4'],
    ['91310230MA1K314J7C', '9', '1', '310230', 'MA1K314J7'],
    ['91310230MA1K314K57', '9', '1', '310230', 'MA1K314K5'],
    ['91330402MA2CXK7T89', '9', '1', '330402', 'MA2CXK7T8'],
  ])('%s is valid', (code, authorityCode, typeCode, divisionCode, orgCode) => {
    expect(validateCreditCode(code)).toEqual({
      ok: true,
      value: code,
      authorityCode,
      typeCode,
      divisionCode,
      orgCode,
      waived: [],
    });
  });

  it('trims and uppercases', () => {
    expect(validateCreditCode(' 91310230ma1k314j7c ')).toMatchObject({
      ok: true,
      value: '91310230MA1K314J7C',
    });
  });

  it.each([
    ['', 'length'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100I43', 'charset'], // I is not in the set
    ['91350100O000100Y43', 'charset'],
    ['91350100S000100Y43', 'charset'],
    ['9135010AM000100Y43', 'charset'], // the division part is digits only
    ['91350100M000100Y4Z', 'charset'],
    ['91350100M000100Y44', 'checksum'],
    ['91310230MA1K314J7D', 'checksum'],
  ])('%s → %s', (code, rule) => {
    expect(ruleOf(code)).toBe(rule);
  });

  it('catches a wrong org-code check even when the final check character is recomputed', () => {
    const body = '91350100M000100Y5'; // the org-code check should be 4
    expect(ruleOf(body + creditCodeCheckChar(body))).toBe('org-code-checksum');
  });

  it('catches the classic bug of using the GB 32100 map for the org code', () => {
    // With M = 21 and Y = 30 the org-code check of M000100Y would be 11 − (63+5+60) mod 11 = 4
    // as well, so use MA1K314J, where the two maps disagree (J = 18 vs 19).
    const wrongMap = (b8: string) => {
      const sum = [...b8].reduce(
        (s, c, i) => s + CHARSET.indexOf(c) * ([3, 7, 9, 10, 5, 8, 4, 2][i] ?? 0),
        0,
      );
      const c = 11 - (sum % 11);
      return c === 10 ? 'X' : c === 11 ? '0' : String(c);
    };
    expect(wrongMap('MA1K314J')).not.toBe(orgCodeCheckChar('MA1K314J'));
    const body = `91310230MA1K314J${wrongMap('MA1K314J')}`;
    expect(ruleOf(body + creditCodeCheckChar(body))).toBe('org-code-checksum');
  });

  describe('early pilot codes that fail a check (research §2.6)', () => {
    const pilots = ['91350100M0001TGQXM', '91350211M0000XUF46', '91350203M0001FUE2P'];

    it.each(pilots)('%s is refused by default (checksum), its org code is fine', (code) => {
      expect(ruleOf(code)).toBe('checksum');
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
    });

    it('91350100M0001TGQXM computes to 1, not M', () => {
      expect(creditCodeCheckChar('91350100M0001TGQX')).toBe('1');
    });

    it.each(pilots)('%s passes when confirmed, with the waived check listed', (code) => {
      expect(validateCreditCode(code, { confirmed: new Set(pilots) })).toMatchObject({
        ok: true,
        value: code,
        waived: ['checksum'],
      });
    });

    it('confirmation never waives length or charset', () => {
      const confirmed = new Set(['91350100M0001TGQX', '91350100M0001TGQXI']);
      expect(validateCreditCode('91350100M0001TGQX', { confirmed })).toMatchObject({
        rule: 'length',
      });
      expect(validateCreditCode('91350100M0001TGQXI', { confirmed })).toMatchObject({
        rule: 'charset',
      });
    });
  });
});

describe('parseCreditCode', () => {
  it('returns the valid code', () => {
    expect(parseCreditCode('91350100M000100Y43').orgCode).toBe('M000100Y4');
  });

  it.each([
    ['9135', 'length'],
    ['91350100M000100I43', 'charset'],
    ['91350100M000100Y44', 'checksum'],
    [`91350100M000100Y5${creditCodeCheckChar('91350100M000100Y5')}`, 'org-code-checksum'],
  ])('throws IDENTITY_INVALID_CREDIT_CODE for %s with rule %s', (code, rule) => {
    let error: unknown;
    try {
      parseCreditCode(code);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.status).toBe(422);
    expect(v.code).toBe('IDENTITY_INVALID_CREDIT_CODE');
    expect(v.issues).toEqual([
      { path: 'creditCode', code: rule, message: expect.any(String) as unknown },
    ]);
    expect(v.messages.zh).toMatch(/统一社会信用代码/);
    expect(v.messages.en).toMatch(/credit code/);
  });

  it('accepts a confirmed pilot code and a caller-given path', () => {
    expect(
      parseCreditCode('91350100M0001TGQXM', { confirmed: new Set(['91350100M0001TGQXM']) }).waived,
    ).toEqual(['checksum']);
    expect(() => parseCreditCode('x', { path: 'organization.creditCode' })).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ path: 'organization.creditCode' })],
      }),
    );
  });
});

describe('buildCreditCode', () => {
  it('rebuilds the worked examples from their parts', () => {
    expect(
      buildCreditCode({ authority: '9', type: '1', division: '350100', orgBody8: 'M000100Y' }),
    ).toBe('91350100M000100Y43');
    expect(
      buildCreditCode({ authority: '9', type: '1', division: '330402', orgBody8: 'MA2CXK7T' }),
    ).toBe('91330402MA2CXK7T89');
  });

  it('refuses malformed parts', () => {
    const ok = { authority: '9', type: '1', division: '330402', orgBody8: 'MA2CXK7T' };
    expect(() => buildCreditCode({ ...ok, authority: 'I' })).toThrow(RangeError);
    expect(() => buildCreditCode({ ...ok, type: '12' })).toThrow(RangeError);
    expect(() => buildCreditCode({ ...ok, division: '33040A' })).toThrow(RangeError);
    expect(() => buildCreditCode({ ...ok, orgBody8: 'MA2CXK7' })).toThrow(RangeError);
    expect(() => buildCreditCode({ ...ok, orgBody8: 'MA2CXK7O' })).toThrow(RangeError);
  });
});

describe('labels', () => {
  it('labels authority and type', () => {
    expect(describeCreditCode('91350100M000100Y43')).toEqual({
      authority: { zh: '工商', en: 'Industry and commerce (market regulation)' },
      type: { zh: '企业', en: 'Enterprise' },
    });
    expect(describeCreditCode('52330000MJ0000000X').authority?.zh).toBe('民政');
    expect(describeCreditCode('52330000MJ0000000X').type?.zh).toBe('民办非企业单位');
  });

  it('has no label for an unknown prefix but does not refuse the code for it', () => {
    const code = buildCreditCode({
      authority: 'B',
      type: '7',
      division: '330402',
      orgBody8: 'MA2CXK7T',
    });
    expect(describeCreditCode(code)).toEqual({ authority: null, type: null });
    expect(ruleOf(code)).toBe('ok');
  });

  it('marks the authorities many sources confirm', () => {
    const confirmed = Object.entries(CREDIT_CODE_AUTHORITIES)
      .filter(([, a]) => a.confirmed)
      .map(([k]) => k);
    expect(confirmed.sort()).toEqual(['1', '5', '9', 'Y']);
  });
});

describe('properties', () => {
  const char = fc.constantFrom(...CHARSET);
  const parts = fc.record({
    authority: char,
    type: char,
    division: fc.stringMatching(/^\d{6}$/),
    orgBody8: fc.array(char, { minLength: 8, maxLength: 8 }).map((a) => a.join('')),
  });

  it('every built code validates and gives back its parts', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const code = buildCreditCode(p);
        expect(validateCreditCode(code)).toEqual({
          ok: true,
          value: code,
          authorityCode: p.authority,
          typeCode: p.type,
          divisionCode: p.division,
          orgCode: code.slice(8, 17),
          waived: [],
        });
      }),
    );
  });

  it('changing any single character of a valid code makes it fail', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 0, max: 17 }), char, (p, position, replacement) => {
        const code = buildCreditCode(p);
        fc.pre(code[position] !== replacement);
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        const rule = ruleOf(changed);
        // 31 is prime and no weight is 0 mod 31, so the final check catches every substitution.
        expect(['checksum', 'charset']).toContain(rule);
      }),
    );
  });

  it('a wrong org-code check is caught even with a recomputed final check', () => {
    fc.assert(
      fc.property(parts, fc.constantFrom(...'0123456789X'), (p, wrong) => {
        const code = buildCreditCode(p);
        fc.pre(code[16] !== wrong);
        const body = code.slice(0, 16) + wrong;
        expect(ruleOf(body + creditCodeCheckChar(body))).toBe('org-code-checksum');
      }),
    );
  });
});
