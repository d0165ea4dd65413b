import { useQuery } from '@tanstack/react-query';
import type { InterDepartmentBoard, InterDepartmentReportList } from '@contracts/inter-department';
import { apiGet, type ApiError } from '../../api';

/** The public report's months (no account needed), newest first. */
export function useReportMonths() {
  return useQuery<InterDepartmentReportList, ApiError>({
    queryKey: ['inter-department', 'reports'],
    queryFn: ({ signal }) => apiGet('/api/v1/public/inter-department/reports', signal),
  });
}

/** The first and last day (YYYY-MM-DD) of a month; the last day is today for the running month. */
export function monthPeriod(month: string, today: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const end = `${month}-${String(last).padStart(2, '0')}`;
  return { from: `${month}-01`, to: end < today ? end : today };
}

/** The board of one month (supervision: all; a department: its own rows). */
export function useBoard(period: { from: string; to: string } | null) {
  return useQuery<InterDepartmentBoard, ApiError>({
    queryKey: ['inter-department', 'board', period?.from, period?.to],
    enabled: period !== null,
    queryFn: ({ signal }) =>
      apiGet(
        `/api/v1/inter-department/board?from=${period?.from ?? ''}&to=${period?.to ?? ''}`,
        signal,
      ),
    refetchInterval: 60_000,
  });
}
