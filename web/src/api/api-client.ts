import { acceptLanguage, getLanguage, translate } from '../i18n';
import { ApiError, NETWORK_ERROR_STATUS, isErrorBody } from './api-error';

/** Options of one API call. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * Calls the API on the same origin with the session cookie and the current language, and
 * returns the parsed JSON (undefined for 204). Throws ApiError for any non-2xx answer (with
 * the server's code and message) and for a network failure (status 0).
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage(),
    ...options.headers,
  };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'include',
    headers,
    signal: options.signal ?? null,
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: NETWORK_ERROR_STATUS,
      code: 'NETWORK_ERROR',
      message: translate(getLanguage(), 'error.network'),
    });
  }

  if (response.status === 204) return undefined as T;
  const body: unknown = await readJson(response);
  if (response.ok) return body as T;
  if (isErrorBody(body)) {
    throw new ApiError({ status: response.status, ...body.error });
  }
  throw new ApiError({
    status: response.status,
    code: `HTTP_${response.status}`,
    message: translate(getLanguage(), 'error.unexpected', { status: response.status }),
    requestId: response.headers.get('x-request-id') ?? undefined,
  });
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** GET `path` and return its JSON; throws ApiError like apiRequest. */
export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, signal ? { signal } : {});
}

/** POST `body` as JSON to `path` and return the JSON answer; throws ApiError like apiRequest. */
export function apiPost<T>(
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<T> {
  return apiRequest<T>(
    path,
    headers ? { method: 'POST', body, headers } : { method: 'POST', body },
  );
}

/** PUT `body` as JSON to `path` and return the JSON answer; throws ApiError like apiRequest. */
export function apiPut<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>(path, { method: 'PUT', body });
}

/** DELETE `path` (204 answers resolve undefined); throws ApiError like apiRequest. */
export function apiDelete(path: string): Promise<void> {
  return apiRequest<void>(path, { method: 'DELETE' });
}
