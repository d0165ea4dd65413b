import { useCallback } from 'react';
import { useLanguage } from '../../i18n';

/** A 0–1 rate as a percentage with one decimal ("86.7%"); "—" when there is no denominator. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Working days with one decimal; "—" for none. */
export function formatDays(days: number | null | undefined): string {
  return days === null || days === undefined ? '—' : days.toFixed(1);
}

/** A count with the grouping of the current language (12,345). */
export function useCount(): (n: number) => string {
  const language = useLanguage();
  return useCallback(
    (n) => new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-GB').format(n),
    [language],
  );
}

/** A rate as a percentage number for a chart axis (null stays a gap). */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
