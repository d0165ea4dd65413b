import chineseDays from 'chinese-days';
import { formatCivilDate, parseCivilDate } from './civil-date.js';
import { parseYearFile, type YearDay, type YearFile } from './year-file.js';

/**
 * The provisional calendar of a year whose State Council notice is not yet published: only the
 * statutory holidays of 《全国年节及纪念日放假办法》 as amended on 2024-11-10 (in force from
 * 2025-01-01), weekends as rest days, and no make-up working days or bridged blocks, which
 * only the yearly notice decides. Art. 2 of the amended regulation (13 days):
 *   元旦 1 day (1 January); 春节 4 days (除夕 to 正月初三); 清明节 1 day (the 清明 solar term);
 *   劳动节 2 days (1–2 May); 端午节 1 day (五月初五); 中秋节 1 day (八月十五);
 *   国庆节 3 days (1–3 October).
 * Source: shared/research/china-domain-rules.md §4.1 and the 2025 notice cited there, which
 * applies the amendment (春节 +1 for 除夕, 劳动节 +1 for 2 May).
 *
 * Lunar dates and the solar term come from chinese-days (MIT, zero dependencies), checked in
 * provisional.test.ts against the official arrangements of 2025 and 2026 and against
 * published dates of 2027 (正月初一 on 6 February).
 */

const { getSolarDateFromLunar, getSolarTermDate } = chineseDays;

const REGULATION = {
  title: '全国年节及纪念日放假办法（2024年11月10日修订，2025年1月1日起施行）',
  issuer: '国务院 (State Council)',
  documentNumber: null,
  urls: [
    {
      url: 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
      note: 'the 2025 notice, which applies the amended regulation (as cited by NateScarlet/holiday-cn)',
    },
    { url: 'https://m.gmw.cn/2024-11/12/content_1303894933.htm', note: 'mirror (光明网)' },
  ],
  note:
    'Provisional: computed from the regulation only. The yearly notice adds bridged days and ' +
    'make-up working days; load it with `onetrip calendar add-year` once published.',
};

const NAMES = {
  newYear: { zh: '元旦', en: "New Year's Day" },
  spring: { zh: '春节', en: 'Spring Festival' },
  qingming: { zh: '清明节', en: 'Qingming Festival' },
  labour: { zh: '劳动节', en: 'Labour Day' },
  dragonBoat: { zh: '端午节', en: 'Dragon Boat Festival' },
  midAutumn: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  national: { zh: '国庆节', en: 'National Day' },
} as const;

/** The Gregorian date of a lunar month and day of lunar year `year` (never a leap month). */
function fromLunar(year: number, month: number, day: number): number {
  const pad = (n: number) => String(n).padStart(2, '0');
  const solar = getSolarDateFromLunar(`${year}-${pad(month)}-${pad(day)}`).date;
  const n = parseCivilDate(solar);
  if (n === null) throw new RangeError(`no Gregorian date for lunar ${year}-${month}-${day}`);
  return n;
}

function civil(year: number, month: number, day: number): number {
  const n = parseCivilDate(
    `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
  if (n === null) throw new RangeError(`not a date: ${year}-${month}-${day}`);
  return n;
}

/**
 * The statutory holidays of `year` as a year file. The lunar new year always falls between
 * 21 January and 20 February, so 除夕 to 初三 lie inside the same Gregorian year. The calendar
 * marks a year built from this file as provisional (see createWorkingCalendar).
 */
export function provisionalYearFile(year: number): YearFile {
  const days = new Map<number, YearDay['holiday']>();
  const add = (day: number, holiday: YearDay['holiday']) => days.set(day, holiday);

  add(civil(year, 1, 1), NAMES.newYear);
  const newYear = fromLunar(year, 1, 1);
  for (let d = newYear - 1; d <= newYear + 2; d++) add(d, NAMES.spring); // 除夕 to 初三
  add(
    parseCivilDate(getSolarTermDate(year, 4, 'pure_brightness')) ?? civil(year, 4, 5),
    NAMES.qingming,
  );
  add(civil(year, 5, 1), NAMES.labour);
  add(civil(year, 5, 2), NAMES.labour);
  add(fromLunar(year, 5, 5), NAMES.dragonBoat);
  // 中秋 can fall on 1–3 October (2028-10-03): the day stays one off day either way.
  add(fromLunar(year, 8, 15), NAMES.midAutumn);
  for (let d = 1; d <= 3; d++) add(civil(year, 10, d), NAMES.national);

  const listed = [...days.entries()]
    .filter(([d]) => formatCivilDate(d).startsWith(`${year}-`))
    .sort(([a], [b]) => a - b)
    .map(([d, holiday]) => ({ date: formatCivilDate(d), kind: 'off' as const, holiday }));
  return parseYearFile({
    year,
    region: 'CN',
    timeZone: 'Asia/Shanghai',
    notes: [`Provisional calendar of ${year}: statutory holidays only, no make-up working days.`],
    sources: [REGULATION],
    days: listed,
  });
}
