import { useQuery } from '@tanstack/react-query';
import type { PointsMonth } from '@contracts/window-staff';
import { apiGet, type ApiError } from '../../api';

/** A month's points ledger: every clerk for the supervision office, one's own for a clerk. */
export function usePoints(month: string) {
  return useQuery<PointsMonth, ApiError>({
    queryKey: ['window-staff', 'points', month],
    queryFn: ({ signal }) =>
      apiGet<PointsMonth>(`/api/v1/window-staff/points?month=${encodeURIComponent(month)}`, signal),
  });
}
