import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { shippedYearFiles } from './calendar.store.js';
import { parseYearFile, type YearFile } from './year-file.js';

/** A minimal valid year file; the 2027 days are invented for the test, not an announcement. */
function buildYearFile(overrides: Partial<YearFile> = {}): Record<string, unknown> {
  return {
    year: 2027,
    region: 'CN',
    timeZone: 'Asia/Shanghai',
    sources: [
      {
        title: 'Test notice (synthetic)',
        documentNumber: null,
        urls: [{ url: 'https://example.org/notice' }],
      },
    ],
    days: [
      { date: '2027-01-01', kind: 'off', holiday: { zh: '元旦', en: "New Year's Day" } },
      { date: '2027-01-09', kind: 'working', holiday: { zh: '元旦', en: "New Year's Day" } },
    ],
    ...overrides,
  };
}

function issuesOf(fn: () => unknown): Array<{ path: string; code: string; message: string }> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).code).toBe('CALENDAR_INVALID_YEAR_FILE');
    return (e as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('parseYearFile', () => {
  it('accepts the shipped files and a minimal file, as object or JSON text', () => {
    expect(shippedYearFiles().map((f) => f.year)).toEqual([2025, 2026]);
    expect(parseYearFile(buildYearFile()).year).toBe(2027);
    expect(parseYearFile(JSON.stringify(buildYearFile())).year).toBe(2027);
  });

  it('names every problem by its field path', () => {
    const issues = issuesOf(() =>
      parseYearFile(
        buildYearFile({
          days: [
            { date: '2027-02-30', kind: 'off', holiday: { zh: '春节', en: 'Spring Festival' } },
            { date: '2026-12-31', kind: 'off', holiday: { zh: '元旦', en: "New Year's Day" } },
            { date: '2027-01-01', kind: 'off', holiday: { zh: '元旦', en: "New Year's Day" } },
            { date: '2027-01-01', kind: 'off', holiday: { zh: '元旦', en: "New Year's Day" } },
            { date: '2027-01-04', kind: 'working', holiday: { zh: '元旦', en: "New Year's Day" } },
          ],
        }),
      ),
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['days.0.date', 'must be a real date YYYY-MM-DD'],
      ['days.1.date', 'is not in 2027'],
      ['days.3.date', 'is listed twice (also days.2)'],
      [
        'days.4.kind',
        'a make-up working day must be a Saturday or Sunday (weekdays are working days anyway)',
      ],
    ]);
  });

  it('refuses a placeholder without holidays, like holiday-cn’s 2027.json before the notice', () => {
    expect(issuesOf(() => parseYearFile(buildYearFile({ days: [] })))).toEqual([
      expect.objectContaining({
        path: 'days',
        message: expect.stringContaining('lists no holiday') as unknown,
      }),
    ]);
  });

  it('refuses unknown fields, a wrong time zone, missing sources and bad office hours', () => {
    const paths = (json: unknown) => issuesOf(() => parseYearFile(json)).map((i) => i.path);
    expect(paths({ ...buildYearFile(), offdays: [] })).toEqual(['(file)']);
    expect(paths(buildYearFile({ timeZone: 'UTC' as 'Asia/Shanghai' }))).toEqual(['timeZone']);
    expect(paths(buildYearFile({ sources: [] }))).toEqual(['sources']);
    expect(paths(buildYearFile({ year: 1980 }))).toEqual(['year', 'days.0.date', 'days.1.date']);
    expect(
      paths(
        buildYearFile({
          officeHours: {
            periods: [
              { start: '13:30', end: '17:30' },
              { start: '09:00', end: '08:00' },
              { start: '25:00', end: '26:00' },
            ],
          },
        }),
      ),
    ).toEqual([
      'officeHours.periods.2.start',
      'officeHours.periods.2.end',
      'officeHours.periods.1.end', // 08:00 is before 09:00
      'officeHours.periods.1.start', // 09:00 starts before the 13:30–17:30 period ends
    ]);
  });

  it('says which file is broken and reports text that is not JSON', () => {
    try {
      parseYearFile('{ "year": 2027,', 'cn-2027.json');
      expect.unreachable();
    } catch (e) {
      const v = e as ValidationError;
      expect(v.issues[0]).toMatchObject({ path: '(file)', code: 'invalid_json' });
      expect(v.messages.en).toContain('cn-2027.json');
      expect(v.messages.zh).toContain('cn-2027.json');
    }
  });
});
