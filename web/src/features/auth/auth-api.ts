import type {
  AUTH_ERROR_CODES,
  LoginRequest,
  LoginResponse,
  Me,
  SessionProbe,
} from '@contracts/auth';
import { ApiError, apiGet, apiPost } from '../../api';

/** A login error code the contract declares (`AUTH_TOTP_REQUIRED`, …). */
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[keyof typeof AUTH_ERROR_CODES];

// Typed against the contract without importing its zod schemas into the browser bundle.
/** The staff account needs its TOTP code: the login page shows the second step. */
export const TOTP_REQUIRED: AuthErrorCode = 'AUTH_TOTP_REQUIRED';
/** The TOTP code was wrong or expired. */
export const TOTP_INVALID: AuthErrorCode = 'AUTH_TOTP_INVALID';

/** Signs in; resolves with the session and account, throws ApiError (401, 422, 423, 429…). */
export function login(request: LoginRequest): Promise<LoginResponse> {
  return apiPost<LoginResponse>('/api/v1/auth/login', request);
}

/** Ends the session (204; an already ended session counts as ended); throws other ApiErrors. */
export async function logout(): Promise<void> {
  try {
    await apiPost<void>('/api/v1/auth/logout');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    throw error;
  }
}

/**
 * The signed-in account, or null when nobody is signed in. Asks the session probe, which
 * answers 200 for a visitor too, so an anonymous page load has no failed request; throws
 * ApiError for a network failure or a server error.
 */
export async function fetchSession(signal?: AbortSignal): Promise<Me | null> {
  const probe = await apiGet<SessionProbe>('/api/v1/session', signal);
  return probe.signedIn ? probe.account : null;
}
