import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from './calendar.js';
import { shippedYearFiles } from './calendar.store.js';

// The official arrangements as tabled in shared/research/china-domain-rules.md §4.1, typed in
// again here (not derived from the data files) so that a slip in either shows up.
const RESEARCH = {
  2025: [
    { zh: '元旦', off: ['2025-01-01', '2025-01-01'], work: [] },
    { zh: '春节', off: ['2025-01-28', '2025-02-04'], work: ['2025-01-26', '2025-02-08'] },
    { zh: '清明节', off: ['2025-04-04', '2025-04-06'], work: [] },
    { zh: '劳动节', off: ['2025-05-01', '2025-05-05'], work: ['2025-04-27'] },
    { zh: '端午节', off: ['2025-05-31', '2025-06-02'], work: [] },
    { zh: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], work: ['2025-09-28', '2025-10-11'] },
  ],
  2026: [
    { zh: '元旦', off: ['2026-01-01', '2026-01-03'], work: ['2026-01-04'] },
    { zh: '春节', off: ['2026-02-15', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] },
    { zh: '清明节', off: ['2026-04-04', '2026-04-06'], work: [] },
    { zh: '劳动节', off: ['2026-05-01', '2026-05-05'], work: ['2026-05-09'] },
    { zh: '端午节', off: ['2026-06-19', '2026-06-21'], work: [] },
    { zh: '中秋节', off: ['2026-09-25', '2026-09-27'], work: [] },
    { zh: '国庆节', off: ['2026-10-01', '2026-10-07'], work: ['2026-09-20', '2026-10-10'] },
  ],
} as const;

// The day counts of the same tables ("Days" column).
const BLOCK_LENGTHS = { 2025: [1, 8, 3, 5, 3, 8], 2026: [3, 9, 3, 5, 3, 3, 7] } as const;

function datesBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${first}T00:00:00Z`);
    t <= Date.parse(`${last}T00:00:00Z`);
    t += 86_400_000
  ) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function utcWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

const calendar = createWorkingCalendar(shippedYearFiles());
const files = new Map(shippedYearFiles().map((f) => [f.year, f]));

describe.each([2025, 2026] as const)('the shipped calendar of %i', (year) => {
  const blocks = RESEARCH[year];
  const offDays = new Map<string, string>(
    blocks.flatMap((b) => datesBetween(b.off[0], b.off[1]).map((d) => [d, b.zh])),
  );
  const makeUpDays = new Map<string, string>(
    blocks.flatMap((b) => b.work.map((d) => [d, b.zh] as const)),
  );

  it('has the block lengths of the notice', () => {
    expect(blocks.map((b) => datesBetween(b.off[0], b.off[1]).length)).toEqual(BLOCK_LENGTHS[year]);
  });

  it.each([...offDays])('%s is an off day of %s', (date, zh) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.describeDay(date)).toMatchObject({
      kind: 'off',
      working: false,
      holiday: { zh },
    });
  });

  it.each([...makeUpDays])('%s is a make-up working day of %s, on a weekend', (date, zh) => {
    expect([0, 6]).toContain(utcWeekday(date));
    expect(calendar.isWorkingDay(date)).toBe(true);
    expect(calendar.describeDay(date)).toMatchObject({
      kind: 'working',
      working: true,
      holiday: { zh },
    });
  });

  it('lists exactly these days in the data file, nothing more', () => {
    const file = files.get(year);
    const listed = new Map(file?.days.map((d) => [d.date, d]));
    expect([...listed.keys()].sort()).toEqual([...offDays.keys(), ...makeUpDays.keys()].sort());
    for (const [date, zh] of offDays)
      expect(listed.get(date)).toMatchObject({ kind: 'off', holiday: { zh } });
    for (const [date, zh] of makeUpDays)
      expect(listed.get(date)).toMatchObject({ kind: 'working', holiday: { zh } });
  });

  it('treats every other day as a plain weekday or weekend day', () => {
    for (const date of datesBetween(`${year}-01-01`, `${year}-12-31`)) {
      if (offDays.has(date) || makeUpDays.has(date)) continue;
      const weekday = utcWeekday(date);
      expect(calendar.isWorkingDay(date), date).toBe(weekday !== 0 && weekday !== 6);
    }
  });

  it('has 248 working days', () => {
    const counted = datesBetween(`${year}-01-01`, `${year}-12-31`).filter((d) =>
      calendar.isWorkingDay(d),
    );
    expect(counted).toHaveLength(248);
    expect(calendar.yearInfo(year)?.workingDayCount).toBe(248);
  });

  it('cites the State Council notice with a gov.cn address and says office hours are not law', () => {
    const file = files.get(year);
    expect(file?.sources[0]?.title).toBe(`国务院办公厅关于${year}年部分节假日安排的通知`);
    expect(file?.sources[0]?.urls[0]?.url).toMatch(/^https:\/\/www\.gov\.cn\//);
    expect(file?.officeHours?.note).toMatch(/not law/);
    expect(file?.officeHours?.periods).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
  });
});

describe('facts the research calls out', () => {
  it('2026-02-14 is a Saturday and a working day', () => {
    expect(utcWeekday('2026-02-14')).toBe(6);
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
  });

  it('2025 cites 国办发明电〔2024〕12号', () => {
    expect(files.get(2025)?.sources[0]?.documentNumber).toBe('国办发明电〔2024〕12号');
  });

  it('February 2026 has 16 working days (cross-check with chinese-days)', () => {
    expect(
      datesBetween('2026-02-01', '2026-02-28').filter((d) => calendar.isWorkingDay(d)),
    ).toHaveLength(16);
  });

  it('knows no year but 2025 and 2026', () => {
    expect(calendar.years()).toEqual([2025, 2026]);
  });
});
