// The verifier's calls to the API (docs/credentials.md, "Presenting" and "Verifying").
import type { z } from 'zod';
import type {
  PresentationRequest,
  PresentationRequestCreateSchema,
  PresentationRequestStateSchema,
  VerificationResult,
} from '@contracts/credentials';
import { apiGet, apiPost } from '../../api';

/** What the page sends to create a request. */
export type PresentationRequestCreate = z.infer<typeof PresentationRequestCreateSchema>;
/** A request as the verifier polls it: with the result once the holder answered. */
export type PresentationRequestState = z.infer<typeof PresentationRequestStateSchema>;

/** POST /api/v1/verifications/requests: a request and its QR text; throws ApiError. */
export function createPresentationRequest(
  body: PresentationRequestCreate,
): Promise<PresentationRequest> {
  return apiPost<PresentationRequest>('/api/v1/verifications/requests', body);
}

/** GET /api/v1/verifications/requests/{id}: pending, answered (with the result) or expired. */
export function getPresentationRequest(
  id: string,
  signal?: AbortSignal,
): Promise<PresentationRequestState> {
  return apiGet<PresentationRequestState>(
    `/api/v1/verifications/requests/${encodeURIComponent(id)}`,
    signal,
  );
}

/** POST /api/v1/verifications: the server's verdict (200 also when refused); throws ApiError. */
export function verifyOnline(presentation: string): Promise<VerificationResult> {
  return apiPost<VerificationResult>('/api/v1/verifications', { presentation });
}
