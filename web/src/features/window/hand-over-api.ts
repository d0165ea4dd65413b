import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { HandOverSearch, HandOverState } from '@contracts/hand-over';
import type { MessageKey } from '../../i18n';
import { apiGet, type ApiError } from '../../api';
import { creditCodeProblem, idNumberProblem } from '../cases';

/** What the clerk searched for, as kept in the page's address. */
export interface HandOverQuery {
  q: string;
  state: HandOverState;
  page: number;
  pageSize: number;
}

/** The query key of the hand-over searches (refetched after a hand-over). */
export const HAND_OVER_KEY = ['hand-overs'] as const;

/**
 * Why a query would not be searched (the server's rule, checked first so the clerk is told at
 * once): a receipt number, a whole identity number or credit code, or a name of 2+ characters.
 */
export function handOverQueryProblem(input: string): MessageKey | null {
  const text = input.trim();
  const compact = text.replace(/\s/g, '').toUpperCase();
  if (/^YCB\d{16}$/.test(compact)) return null;
  if (/^[0-9A-Z*]+$/.test(compact) && /\d/.test(compact)) {
    if (compact.length !== 18) return 'handOver.partialNumber';
    const id = idNumberProblem(compact);
    return id === null || creditCodeProblem(compact) === null ? null : id;
  }
  return [...text].length < 2 ? 'handOver.queryTooShort' : null;
}

/** Completed applications of the whole centre for hand-over (统一出件), one page. */
export function useHandOverSearch(query: HandOverQuery | null) {
  return useQuery<HandOverSearch, ApiError>({
    queryKey: [...HAND_OVER_KEY, query],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({
        q: query?.q ?? '',
        state: query?.state ?? 'pending',
        page: String(query?.page ?? 1),
        pageSize: String(query?.pageSize ?? 10),
      });
      return apiGet<HandOverSearch>(`/api/v1/hand-overs?${params.toString()}`, signal);
    },
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
