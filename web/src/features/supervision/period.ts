/** The periods of the dashboards: China calendar days (Asia/Shanghai), `YYYY-MM-DD`. */

/** A preset of the period picker, or a range the user typed in. */
export type PeriodPreset = 'last30' | 'month' | 'quarter' | 'year' | 'custom';

/** A period, both days inclusive. */
export interface Period {
  from: string;
  to: string;
}

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The China calendar day of an instant. */
export function chinaDay(at: Date): string {
  return CHINA_DAY.format(at);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `day` moved by `days` (negative: back), calendar arithmetic on the date alone. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(y, m - 1, d + days));
  return `${moved.getUTCFullYear()}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/** The period of a preset ending today (China time): the last 30 days, or the current month, quarter or year so far. */
export function presetPeriod(
  preset: Exclude<PeriodPreset, 'custom'>,
  now: Date = new Date(),
): Period {
  const today = chinaDay(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  switch (preset) {
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'month':
      return { from: `${y}-${pad(m)}-01`, to: today };
    case 'quarter':
      return { from: `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`, to: today };
    case 'year':
      return { from: `${y}-01-01`, to: today };
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a typed-in range is usable: two valid days, the first not after the last. */
export function isValidPeriod(period: Period): boolean {
  if (!DAY.test(period.from) || !DAY.test(period.to)) return false;
  if (addDays(period.from, 0) !== period.from || addDays(period.to, 0) !== period.to) return false;
  return period.from <= period.to;
}
