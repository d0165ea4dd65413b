import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { canonicalJson, canonicalJsonBytes } from './canonical-json.js';
import { LedgerFormatError } from './ledger.errors.js';

interface Rfc8785Examples {
  section_3_2_2: { input: string; canonical: string; canonical_utf8_hex_3_2_4: string };
  section_3_2_3: { input: string; sorted_values: string[]; canonical: string };
  appendix_b: [string, string | null, string][];
}
const rfc = JSON.parse(
  readFileSync(
    new URL('../../../test/vectors/rfc8785/rfc8785-examples.json', import.meta.url),
    'utf8',
  ),
) as Rfc8785Examples;

function fromIeeeHex(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('RFC 8785 examples', () => {
  it('canonicalizes the §3.2.2 sample to the §3.2.4 bytes', () => {
    const bytes = canonicalJsonBytes(JSON.parse(rfc.section_3_2_2.input));
    expect(bytes.toString('utf8')).toBe(rfc.section_3_2_2.canonical);
    expect(bytes.toString('hex')).toBe(
      rfc.section_3_2_2.canonical_utf8_hex_3_2_4.replaceAll(' ', ''),
    );
  });

  it('sorts the §3.2.3 members by UTF-16 code units (the emoji before U+FB33)', () => {
    const text = canonicalJson(JSON.parse(rfc.section_3_2_3.input));
    expect(text).toBe(rfc.section_3_2_3.canonical);
    // JSON.parse would move the integer-like key "1" first, so read the values in text order.
    const values = [...text.matchAll(/:"([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual(rfc.section_3_2_3.sorted_values);
  });

  it('has all 26 Appendix B samples', () => expect(rfc.appendix_b).toHaveLength(26));

  it.each(rfc.appendix_b)('serializes IEEE %s as %s (%s)', (hex, want) => {
    const n = fromIeeeHex(hex);
    if (want === null) {
      expect(() => canonicalJson(n)).toThrow(LedgerFormatError);
      expect(() => canonicalJson({ n })).toThrow(/\$\.n/);
    } else {
      expect(canonicalJson(n)).toBe(want);
      expect(canonicalJson([n])).toBe(`[${want}]`);
    }
  });
});

// Built this way because a literal [1, , 3] trips no-sparse-arrays.
const holey: unknown[] = new Array(3);
holey[0] = 1;
holey[2] = 3;

describe('canonical JSON of ledger-shaped values', () => {
  it('sorts nested members, keeps array order and drops whitespace', () => {
    expect(
      canonicalJson({
        seq: 2,
        actor: { role: 'clerk', id: 'u-1' },
        fields: ['b', 'a'],
        ok: true,
        none: null,
      }),
    ).toBe(
      '{"actor":{"id":"u-1","role":"clerk"},"fields":["b","a"],"none":null,"ok":true,"seq":2}',
    );
  });

  it('writes Chinese as UTF-8, escapes only what JSON requires', () => {
    const bytes = canonicalJsonBytes({
      purpose: '办理营业执照',
      ctl: '\u0000\u0008\t\n\f\r\u001f\u007f',
      q: '"\\/',
    });
    expect(bytes.toString('utf8')).toBe(
      '{"ctl":"\\u0000\\b\\t\\n\\f\\r\\u001f\u007f","purpose":"办理营业执照","q":"\\"\\\\/"}',
    );
    expect(bytes.includes(Buffer.from('办理营业执照', 'utf8'))).toBe(true);
  });

  it('writes -0 as 0 and is idempotent', () => {
    const value = { z: -0, a: [1.5e300, 1e-7, 100] };
    const once = canonicalJson(value);
    expect(once).toBe('{"a":[1.5e+300,1e-7,100],"z":0}');
    expect(canonicalJson(JSON.parse(once))).toBe(once);
  });

  it('accepts a null-prototype object and an empty key', () => {
    const o = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, '': 0 });
    expect(canonicalJson(o)).toBe('{"":0,"b":1}');
  });

  it.each([
    ['undefined', { a: undefined }, '$.a'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a bigint', { n: 1n }, '$.n'],
    ['a Date', { at: new Date(0) }, '$.at'],
    ['a Map', new Map(), '$'],
    ['a lone surrogate', { s: 'x\ud800' }, '$.s'],
    ['a lone surrogate key', { ['\udc00']: 1 }, '$.\udc00'],
    ['a hole', holey, '$[1]'],
    ['a symbol key', { [Symbol('k')]: 1 }, '$'],
  ])('refuses %s', (_, value, path) => {
    let error: unknown;
    try {
      canonicalJson(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerFormatError);
    expect(error).toMatchObject({ code: 'LEDGER_NOT_CANONICALIZABLE', details: { path } });
  });

  it('refuses a cycle but accepts the same object twice side by side', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/contains itself/);
  });
});
