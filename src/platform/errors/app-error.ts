/** A message a person reads, in both of the platform's languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The HTTP status each kind of application error maps to. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 503;

/**
 * The base of every expected error: a stable SCREAMING_SNAKE code prefixed by its module,
 * a message in Chinese and English and optional details (field paths for validation).
 * The one error handler turns it into the error body of API.md.
 */
export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    readonly messages: Bilingual,
    readonly details?: unknown,
  ) {
    super(messages.en);
    this.name = new.target.name;
  }
}

/** 400: the request cannot be read at all (malformed JSON, wrong content type). */
export class BadRequestError extends AppError {
  constructor(code: string, messages: Bilingual, details?: unknown) {
    super(400, code, messages, details);
  }
}

/** 401: no valid credentials. */
export class UnauthorizedError extends AppError {
  constructor(code: string, messages: Bilingual, details?: unknown) {
    super(401, code, messages, details);
  }
}

/** 403: signed in, but not allowed to do this. */
export class ForbiddenError extends AppError {
  constructor(code: string, messages: Bilingual, details?: unknown) {
    super(403, code, messages, details);
  }
}

/** 404: the thing asked for does not exist (or is not visible to the caller). */
export class NotFoundError extends AppError {
  constructor(code: string, messages: Bilingual, details?: unknown) {
    super(404, code, messages, details);
  }
}

/** 409: the request conflicts with the current state (duplicate, illegal transition). */
export class ConflictError extends AppError {
  constructor(code: string, messages: Bilingual, details?: unknown) {
    super(409, code, messages, details);
  }
}

/** One problem with one field of a request, keyed by its path (`form.capital`). */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** 422: the request is well-formed but its content breaks a rule; details list field issues. */
export class ValidationError extends AppError {
  constructor(
    code: string,
    messages: Bilingual,
    readonly issues: FieldIssue[] = [],
  ) {
    super(422, code, messages, issues.length > 0 ? { issues } : undefined);
  }
}

/** 423: the account is locked after repeated failures. */
export class LockedError extends AppError {
  constructor(code: string, messages: Bilingual, details?: unknown) {
    super(423, code, messages, details);
  }
}
