import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { LoginRequest, LoginResponse, Me } from '@contracts/auth';
import { ApiError } from '../../api';
import { fetchSession, login, logout } from './auth-api';

/** The query key of the signed-in account (`GET /api/v1/session`). */
export const SESSION_QUERY_KEY = ['session', 'me'] as const;

/** The signed-in account: `data` is the Me, null when signed out, undefined while loading. */
export function useSession(): UseQueryResult<Me | null, ApiError> {
  return useQuery<Me | null, ApiError>({
    queryKey: SESSION_QUERY_KEY,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 5 * 60_000,
    retry: (failures, error) => error.status === 0 && failures < 2,
  });
}

/** The login mutation; on success the session cache holds the new account. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<LoginResponse, ApiError, LoginRequest>({
    mutationFn: login,
    onSuccess: (response) => {
      queryClient.setQueryData<Me | null>(SESSION_QUERY_KEY, response.account);
    },
  });
}

/** The logout mutation; on success every cached query is dropped and the session is null. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: logout,
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
      queryClient.setQueryData<Me | null>(SESSION_QUERY_KEY, null);
    },
  });
}
