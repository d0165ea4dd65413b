import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CredentialView,
  DepartmentCredential,
  DepartmentCredentialList,
} from '@contracts/credentials';
import { apiGet, apiPost, type ApiError } from '../../api';

const KEY = ['department', 'credentials'] as const;

/**
 * The credentials my department issued for the application of `receiptNo`
 * (GET /api/v1/credentials?receiptNo=…); idle while no receipt number is given.
 */
export function useDepartmentCredentials(receiptNo: string) {
  return useQuery<DepartmentCredential[], ApiError>({
    queryKey: [...KEY, receiptNo],
    enabled: receiptNo !== '',
    queryFn: async ({ signal }) =>
      (
        await apiGet<DepartmentCredentialList>(
          `/api/v1/credentials?receiptNo=${encodeURIComponent(receiptNo)}`,
          signal,
        )
      ).items,
  });
}

/** A status change with its reason, as POST /api/v1/credentials/{id}/status takes it. */
export interface StatusChange {
  id: string;
  status: DepartmentCredential['status'];
  reason: string;
}

/** Suspends, reinstates or revokes a credential; throws ApiError (message in my language). */
export function useChangeStatus() {
  const client = useQueryClient();
  return useMutation<CredentialView, ApiError, StatusChange>({
    mutationFn: ({ id, status, reason }) =>
      apiPost<CredentialView>(`/api/v1/credentials/${encodeURIComponent(id)}/status`, {
        status,
        reason,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
