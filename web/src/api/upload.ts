import type { StoredFile } from '@contracts/files';
import { acceptLanguage, getLanguage, translate } from '../i18n';
import { ApiError, NETWORK_ERROR_STATUS, isErrorBody } from './api-error';

/** Options of {@link uploadFile}. */
export interface UploadOptions {
  /** Called with the share sent so far, 0…1 (restarts from 0 on a retry). */
  onProgress?: (fraction: number) => void;
  /** Called before each retry after a lost connection, with the attempt number (2, 3, …). */
  onRetry?: (attempt: number) => void;
  signal?: AbortSignal;
  /** Attempts in all when the connection is lost; 4 by default. */
  attempts?: number;
  /** Milliseconds before the first retry, doubled for each further one; 800 by default. */
  retryDelayMs?: number;
}

/** The answer of one XHR attempt: the stored file, or an error and whether to try again. */
type Attempt =
  { ok: true; file: StoredFile } | { ok: false; error: ApiError | DOMException; retry: boolean };

function networkError(): ApiError {
  return new ApiError({
    status: NETWORK_ERROR_STATUS,
    code: 'NETWORK_ERROR',
    message: translate(getLanguage(), 'error.network'),
  });
}

function parse(xhr: XMLHttpRequest): Attempt {
  let body: unknown;
  try {
    body = JSON.parse(xhr.responseText) as unknown;
  } catch {
    body = undefined;
  }
  if (xhr.status === 201 || xhr.status === 200) return { ok: true, file: body as StoredFile };
  if (isErrorBody(body)) {
    return { ok: false, error: new ApiError({ status: xhr.status, ...body.error }), retry: false };
  }
  return {
    ok: false,
    // A gateway in between may answer 502–504 while the server restarts: worth another try.
    retry: xhr.status >= 502 && xhr.status <= 504,
    error: new ApiError({
      status: xhr.status,
      code: `HTTP_${xhr.status}`,
      message: translate(getLanguage(), 'error.unexpected', { status: xhr.status }),
    }),
  };
}

function attempt(file: File, options: UploadOptions): Promise<Attempt> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    const done = (result: Attempt) => {
      options.signal?.removeEventListener('abort', abort);
      resolve(result);
    };
    xhr.open('POST', '/api/v1/files');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', acceptLanguage());
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0)
        options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => done(parse(xhr));
    xhr.onerror = () => done({ ok: false, error: networkError(), retry: true });
    xhr.ontimeout = () => done({ ok: false, error: networkError(), retry: true });
    xhr.onabort = () =>
      done({ ok: false, error: new DOMException('Upload aborted', 'AbortError'), retry: false });
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('Upload aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}

/**
 * Uploads one file to `POST /api/v1/files` (multipart field `file`) with progress. A lost
 * connection is retried with a growing pause; a refusal (422 type or size, 401, 413) is not.
 * Resolves with the stored file; throws ApiError, or a DOMException `AbortError` when aborted.
 */
export async function uploadFile(file: File, options: UploadOptions = {}): Promise<StoredFile> {
  const attempts = options.attempts ?? 4;
  let delay = options.retryDelayMs ?? 800;
  for (let n = 1; ; n++) {
    options.onProgress?.(0);
    const result = await attempt(file, options);
    if (result.ok) {
      options.onProgress?.(1);
      return result.file;
    }
    if (!result.retry || n >= attempts) throw result.error;
    await wait(delay, options.signal);
    delay *= 2;
    options.onRetry?.(n + 1);
  }
}
