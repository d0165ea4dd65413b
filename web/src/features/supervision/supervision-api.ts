import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  BundlesView,
  ExportQuery,
  MetricDimension,
  MetricsFilter,
  MetricsTable,
  OverdueList,
  Ranking,
  TownsView,
  Trend,
  TrendQuery,
} from '@contracts/supervision';
import { ApiError, apiGet } from '../../api';
import { acceptLanguage, getLanguage, translate } from '../../i18n';

const BASE = '/api/v1/supervision';
const STALE_MS = 60_000;

/** The views a chart card shows and exports (`export.xlsx?view=`). */
export type ExportView = ExportQuery['view'];
export type Interval = TrendQuery['interval'];

/** The query string of a filter and the view's own parameters (empty ones left out). */
export function queryString(params: Partial<ExportQuery> & MetricsFilter): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

function useView<T>(path: string, params: Record<string, string | undefined> & MetricsFilter) {
  const qs = queryString(params);
  return useQuery<T, ApiError>({
    queryKey: ['supervision', path, qs],
    queryFn: ({ signal }) => apiGet<T>(`${BASE}/${path}?${qs}`, signal),
    staleTime: STALE_MS,
    placeholderData: keepPreviousData,
  });
}

/** The figures broken down by a dimension, with the totals (the tiles). */
export function useMetrics(filter: MetricsFilter, by: MetricDimension) {
  return useView<MetricsTable>('metrics', { ...filter, by });
}

/** The figures per day, week or month. */
export function useTrend(filter: MetricsFilter, interval: Interval) {
  return useView<Trend>('trend', { ...filter, interval });
}

/** The departments ranked by bad-rating rate, then on-time rate. */
export function useRanking(filter: MetricsFilter) {
  return useView<Ranking>('ranking', filter);
}

/** The bundles with the steps that hold them up. */
export function useBundles(filter: MetricsFilter) {
  return useView<BundlesView>('bundles', filter);
}

/** The county's places with their figures. */
export function useTowns(filter: MetricsFilter) {
  return useView<TownsView>('towns', filter);
}

/** The steps past or near their limit, most overdue first. */
export function useOverdue(department: string | undefined) {
  const qs = department ? `?department=${encodeURIComponent(department)}` : '';
  return useQuery<OverdueList, ApiError>({
    queryKey: ['supervision', 'overdue', qs],
    queryFn: async ({ signal }) => {
      const list = await apiGet<OverdueList>(`${BASE}/overdue${qs}`, signal);
      return { ...list, items: [...list.items].sort((a, b) => b.overdueDays - a.overdueDays) };
    },
    refetchInterval: 60_000,
  });
}

/** Where the Excel workbook of a view with these parameters is downloaded from. */
export function exportUrl(params: Partial<ExportQuery> & MetricsFilter & { view: ExportView }) {
  return `${BASE}/export.xlsx?${queryString(params)}`;
}

function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // a malformed name: the fallback below
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
}

/**
 * Downloads the workbook at `url` with the session cookie and saves it under the server's
 * file name (or `fallback`); throws ApiError when the server refuses or cannot be reached.
 */
export async function downloadWorkbook(url: string, fallback: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'include',
      headers: { 'Accept-Language': acceptLanguage() },
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: translate(getLanguage(), 'error.network'),
    });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      { error?: { code?: string; message?: string; requestId?: string } } | undefined;
    throw new ApiError({
      status: response.status,
      code: body?.error?.code ?? `HTTP_${response.status}`,
      message:
        body?.error?.message ??
        translate(getLanguage(), 'error.unexpected', { status: response.status }),
      requestId: body?.error?.requestId,
    });
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileNameOf(response, fallback);
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the address goes away.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
