import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, type Bilingual, type FieldIssue } from '../errors/index.js';
import { negotiateLanguage } from '../i18n/index.js';

/** The one error body of API.md. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string };
}

const MESSAGES = {
  INTERNAL: { zh: '服务器内部错误，请稍后重试', en: 'Internal error, please try again later' },
  VALIDATION_FAILED: { zh: '请求内容有误，请检查标出的字段', en: 'The request has invalid fields' },
  BAD_REQUEST: { zh: '请求格式有误', en: 'The request is malformed' },
  MALFORMED_JSON: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  PAYLOAD_TOO_LARGE: { zh: '请求内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests, please try again later' },
  NOT_FOUND: { zh: '请求的资源不存在', en: 'The requested resource does not exist' },
} satisfies Record<string, Bilingual>;

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  messages: Bilingual,
  details?: unknown,
): FastifyReply {
  const lang = negotiateLanguage(request.headers['accept-language']);
  const body: ErrorBody = {
    error: {
      code,
      message: messages[lang],
      ...(details === undefined ? {} : { details }),
      requestId: String(request.id),
    },
  };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

function zodIssues(error: FastifyError): FieldIssue[] {
  const context = error.validationContext ?? 'body';
  const prefix = context === 'body' ? [] : [context];
  return (error.validation ?? []).flatMap((v) => {
    const segments = [...prefix, ...v.instancePath.split('/').filter(Boolean)];
    const params = v.params as { keys?: unknown };
    // An unknown field is reported on the field itself, so a form can show it in place.
    if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
      return params.keys.map((key) => ({
        path: [...segments, String(key)].join('.'),
        code: 'unrecognized_key',
        message: v.message ?? 'unknown field',
      }));
    }
    return [
      { path: segments.join('.') || context, code: v.keyword, message: v.message ?? 'invalid' },
    ];
  });
}

/**
 * Installs the single error handler: AppErrors keep their status and code, request
 * validation becomes 422 with field paths, framework 4xx keep their status with a stable
 * code, and anything else is a logged 500 INTERNAL with no internals in the body. Unknown
 * paths get the error body through sendNotFound (set by buildServer).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return send(request, reply, error.status, error.code, error.messages, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(request, reply, 422, 'VALIDATION_FAILED', MESSAGES.VALIDATION_FAILED, {
        issues: zodIssues(error),
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(request, reply, 500, 'INTERNAL', MESSAGES.INTERNAL);
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return send(request, reply, 429, 'RATE_LIMITED', MESSAGES.RATE_LIMITED);
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return send(request, reply, 400, 'MALFORMED_JSON', MESSAGES.MALFORMED_JSON);
    }
    if (status === 413)
      return send(request, reply, 413, 'PAYLOAD_TOO_LARGE', MESSAGES.PAYLOAD_TOO_LARGE);
    if (status === 415) {
      return send(request, reply, 415, 'UNSUPPORTED_MEDIA_TYPE', MESSAGES.UNSUPPORTED_MEDIA_TYPE);
    }
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, 'client error');
      return send(request, reply, status, 'BAD_REQUEST', MESSAGES.BAD_REQUEST);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, 500, 'INTERNAL', MESSAGES.INTERNAL);
  });
}

/** Sends the error body for a not-found path; used by the SPA fallback for API paths. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(request, reply, 404, 'NOT_FOUND', MESSAGES.NOT_FOUND);
}
