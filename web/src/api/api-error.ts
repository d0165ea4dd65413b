import type { ErrorBody, FieldIssue } from '@contracts/errors';

/**
 * An error answer of the API (`{ error: { code, message, details?, requestId } }`), or a
 * failure to reach it. `message` is for people and already in the requested language;
 * `fieldIssues` are the 422 issues keyed by field path, ready for a form.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: unknown;
  readonly fieldIssues: FieldIssue[];

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string | undefined;
    details?: unknown;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
    this.fieldIssues = parseFieldIssues(init.details);
  }
}

/** Status used for an ApiError when the server could not be reached at all. */
export const NETWORK_ERROR_STATUS = 0;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whether a parsed JSON body has the API's error shape. */
export function isErrorBody(value: unknown): value is ErrorBody {
  if (!isRecord(value) || !isRecord(value.error)) return false;
  const { code, message, requestId } = value.error;
  return typeof code === 'string' && typeof message === 'string' && typeof requestId === 'string';
}

function parseFieldIssues(details: unknown): FieldIssue[] {
  if (!isRecord(details) || !Array.isArray(details.issues)) return [];
  return details.issues.filter(
    (issue): issue is FieldIssue =>
      isRecord(issue) &&
      typeof issue.path === 'string' &&
      typeof issue.code === 'string' &&
      typeof issue.message === 'string',
  );
}
