import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FollowUpItem, FollowUpList } from '@contracts/follow-ups';
import { apiGet, apiPost, type ApiError } from '../../api';

/** Which follow-ups a list shows: those to close (open and overdue), overdue only, closed. */
export type FollowUpFilter = 'active' | 'raised' | 'done';

const LIVE_MS = 15_000;

/** The caller's follow-ups (lead: the department's; supervisor: all; others: their own). */
export function useFollowUps(filter: FollowUpFilter) {
  return useQuery<FollowUpItem[], ApiError>({
    queryKey: ['follow-ups', filter],
    queryFn: async ({ signal }) =>
      (
        await apiGet<FollowUpList>(
          filter === 'active' ? '/api/v1/follow-ups' : `/api/v1/follow-ups?status=${filter}`,
          signal,
        )
      ).items,
    refetchInterval: LIVE_MS,
  });
}

/** Closes a follow-up with its outcome; every list is fetched again. */
export function useCloseFollowUp() {
  const client = useQueryClient();
  return useMutation<FollowUpItem, ApiError, { id: string; outcome: string }>({
    mutationFn: ({ id, outcome }) =>
      apiPost<FollowUpItem>(`/api/v1/follow-ups/${encodeURIComponent(id)}/close`, { outcome }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['follow-ups'] }),
  });
}
