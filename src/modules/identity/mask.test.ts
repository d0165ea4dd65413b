import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask.js';

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('330681199003071233')).toBe('330681********1233');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber(' 330681199003071233 ')).toBe('330681********1233');
  });

  it('masks a 15-digit number with the same ends', () => {
    expect(maskIdNumber('330402850101123')).toBe('330402*****1123');
  });

  it('keeps less of short or odd input, never throws', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(null)).toBe('');
    expect(maskIdNumber(undefined)).toBe('');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('1234567890')).toBe('12*****890');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps less of short input', () => {
    expect(maskPhone('')).toBe('');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('12345678')).toBe('12****78');
  });
});

describe('maskName', () => {
  it('keeps the first character only', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });

  it('masks a one-character name entirely and handles empty input', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName(null)).toBe('');
  });

  it('counts a character outside the BMP as one', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('李𠮷')).toBe('李*');
  });
});

describe('properties', () => {
  it('every mask keeps the length in code points and hides at least its minimum', () => {
    const minimum = new Map([
      [maskIdNumber, 5],
      [maskPhone, 4],
      [maskName, 1],
    ]);
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: 'grapheme' }), (s) => {
        const input = Array.from(s.trim());
        for (const [mask, min] of minimum) {
          const out = Array.from(mask(s));
          expect(out).toHaveLength(input.length);
          expect(out.filter((c) => c === '*').length).toBeGreaterThanOrEqual(
            Math.min(input.length, min),
          );
        }
      }),
    );
  });

  it('an 18-character identity number always shows exactly 10 characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const out = maskIdNumber(id);
        expect(out.slice(0, 6)).toBe(id.slice(0, 6));
        expect(out.slice(14)).toBe(id.slice(14));
        expect(out.slice(6, 14)).toBe('********');
      }),
    );
  });
});
