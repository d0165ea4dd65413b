import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  OFFLINE_AUDIENCE,
  type CredentialView,
  type HolderVerification,
  type PresentationRequest,
  type VerificationResult,
} from '@contracts/credentials';
import { ApiError, apiGet, apiPost } from '../../api';
import { useT } from '../../i18n';
import { buildPresentation, randomNonce } from './present';
import { takeCopy } from './wallet-store';

/** The registry credentials a person can fetch (RegistryCredentialRequestSchema). */
export const REGISTRY_TYPES = [
  'ResidentIdCard',
  'HouseholdRegister',
  'DrivingLicence',
  'ResidencePermit',
] as const;
/** One of the registry credential types. */
export type RegistryType = (typeof REGISTRY_TYPES)[number];

/** Whether a credential type is one the registry issues. */
export const isRegistryType = (type: string): type is RegistryType =>
  (REGISTRY_TYPES as readonly string[]).includes(type);

/** A list answer, whether the route sends `{ items }` or a bare array. */
function itemsOf<T>(answer: { items: T[] } | T[]): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

const CREDENTIALS_KEY = ['me', 'credentials'] as const;
const VERIFICATIONS_KEY = ['me', 'credentials', 'verifications'] as const;

/** My e-credentials, newest first (GET /api/v1/me/credentials). */
export function useCredentials() {
  return useQuery<CredentialView[], ApiError>({
    queryKey: CREDENTIALS_KEY,
    queryFn: async ({ signal }) =>
      itemsOf(
        await apiGet<{ items: CredentialView[] } | CredentialView[]>(
          '/api/v1/me/credentials',
          signal,
        ),
      ),
  });
}

/** Every verification of my credentials (GET /api/v1/me/credentials/verifications). */
export function useHolderVerifications() {
  return useQuery<HolderVerification[], ApiError>({
    queryKey: VERIFICATIONS_KEY,
    queryFn: async ({ signal }) =>
      itemsOf(
        await apiGet<{ items: HolderVerification[] } | HolderVerification[]>(
          '/api/v1/me/credentials/verifications',
          signal,
        ),
      ),
  });
}

/** Fetches a credential from the registry (ID card …) into the wallet; throws ApiError. */
export function useRegistryCredential() {
  const client = useQueryClient();
  return useMutation<CredentialView, ApiError, RegistryType>({
    mutationFn: (type) => apiPost<CredentialView>('/api/v1/me/credentials/registry', { type }),
    onSuccess: () => client.invalidateQueries({ queryKey: CREDENTIALS_KEY }),
  });
}

/** A presentation request the verifier's QR code points at. */
export function usePresentationRequest(id: string) {
  return useQuery<PresentationRequest, ApiError>({
    queryKey: ['verifications', 'requests', id],
    queryFn: ({ signal }) =>
      apiGet<PresentationRequest>(
        `/api/v1/verifications/requests/${encodeURIComponent(id)}`,
        signal,
      ),
    enabled: id !== '',
    retry: false,
  });
}

/**
 * Answers a presentation request with a fresh copy of a credential disclosing the requested
 * claims (aud = the request's clientId, its nonce); resolves with the verifier's result.
 */
export function useAnswerRequest(request: PresentationRequest | undefined) {
  const client = useQueryClient();
  return useMutation<VerificationResult, Error, CredentialView>({
    mutationFn: async (credential) => {
      if (!request) throw new Error('no request');
      const copy = await takeCopy(credential.id);
      const presentation = await buildPresentation({
        sdJwt: copy.sdJwt,
        claims: request.claims,
        privateKey: copy.keys.privateKey,
        aud: request.clientId,
        nonce: request.nonce,
      });
      return apiPost<VerificationResult>(
        `/api/v1/verifications/requests/${encodeURIComponent(request.id)}/response`,
        { presentation },
      );
    },
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: VERIFICATIONS_KEY }),
        client.invalidateQueries({ queryKey: ['verifications', 'requests', request?.id] }),
      ]),
  });
}

/** A presentation for whoever scans the holder's QR: a fresh copy, the offline audience. */
export async function offlinePresentation(
  credentialId: string,
  claims: readonly string[],
): Promise<string> {
  const copy = await takeCopy(credentialId);
  return buildPresentation({
    sdJwt: copy.sdJwt,
    claims,
    privateKey: copy.keys.privateKey,
    aud: OFFLINE_AUDIENCE,
    nonce: randomNonce(),
  });
}

/** The words of an error for the reader: the API's own message, or a generic one. */
export function useErrorText(): (error: unknown) => string {
  const t = useT();
  return (error) => (error instanceof ApiError ? error.message : t('wallet.error.local'));
}
