import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors/index.js';
import { CalendarYearUnknownError } from './calendar.errors.js';
import { addYearFile, loadCalendar, shippedYearFiles } from './calendar.store.js';
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

describe('loadCalendar and addYearFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'onetrip-calendar-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('loads the shipped years when there is no extra folder', async () => {
    const calendar = await loadCalendar({ extraDir: path.join(dir, 'missing') });
    expect(calendar.years()).toEqual([2025, 2026]);
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarYearUnknownError);
  });

  it('adds a year that the calendar then uses', async () => {
    const extraDir = path.join(dir, 'calendar');
    const written = await addYearFile(extraDir, JSON.stringify(buildYearFile()));
    expect(written).toEqual({ year: 2027, path: path.join(extraDir, 'cn-2027.json') });
    expect(await fs.readdir(extraDir)).toEqual(['cn-2027.json']);

    const calendar = await loadCalendar({ extraDir });
    expect(calendar.years()).toEqual([2025, 2026, 2027]);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-09')).toBe(true); // a Saturday in the test file
    // 2026-12-15 + 20 working days now has an answer instead of CALENDAR_YEAR_UNKNOWN.
    expect(calendar.addWorkingDays(new Date('2026-12-15T10:00:00+08:00'), 20)).toEqual(
      new Date('2027-01-12T17:30:00+08:00'),
    );
  });

  it('refuses an invalid file and writes nothing', async () => {
    await expect(addYearFile(dir, buildYearFile({ days: [] }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('refuses to overwrite a year unless asked to replace it', async () => {
    await addYearFile(dir, buildYearFile());
    await expect(addYearFile(dir, buildYearFile())).rejects.toBeInstanceOf(ConflictError);
    const replaced = buildYearFile({
      days: [{ date: '2027-01-01', kind: 'off', holiday: { zh: '元旦', en: "New Year's Day" } }],
    });
    await addYearFile(dir, replaced, { replace: true });
    const calendar = await loadCalendar({ extraDir: dir });
    expect(calendar.isWorkingDay('2027-01-09')).toBe(false);
  });

  it('lets an extra file correct a shipped year', async () => {
    const [, y2026] = shippedYearFiles();
    const corrected = { ...y2026, days: y2026?.days.filter((d) => d.date !== '2026-02-28') };
    await addYearFile(dir, corrected);
    const calendar = await loadCalendar({ extraDir: dir });
    expect(calendar.isWorkingDay('2026-02-28')).toBe(false);
  });

  it('refuses a folder with two files for one year, and names a broken file', async () => {
    await fs.writeFile(path.join(dir, 'a.json'), JSON.stringify(buildYearFile()));
    await fs.writeFile(path.join(dir, 'b.json'), JSON.stringify(buildYearFile()));
    await expect(loadCalendar({ extraDir: dir })).rejects.toMatchObject({
      code: 'CALENDAR_YEAR_EXISTS',
    });
    await expect(addYearFile(dir, buildYearFile(), { replace: true })).rejects.toBeInstanceOf(
      ConflictError,
    );

    await fs.rm(path.join(dir, 'b.json'));
    await fs.writeFile(path.join(dir, 'broken.json'), '{');
    await expect(loadCalendar({ extraDir: dir })).rejects.toMatchObject({
      code: 'CALENDAR_INVALID_YEAR_FILE',
      messages: { en: expect.stringContaining('broken.json') as unknown },
    });
  });
});
