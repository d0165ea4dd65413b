import { z } from 'zod';
import {
  ErrorBodySchema,
  HolderVerificationSchema,
  PresentationRequestCreateSchema,
  PresentationRequestSchema,
  PresentationRequestStateSchema,
  VerificationRequestSchema,
  VerificationResultSchema,
} from '../../../shared/contracts/index.js';
import { requirePrincipal, requireRole, type HttpServer } from '../../platform/http/index.js';
import type { VerificationsService } from './verifications.service.js';

const tags = ['verifications'];
const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
  429: ErrorBodySchema,
};
const RequestParams = z.object({
  id: z.string().min(1).max(64).describe('The presentation request id'),
});
const ResponseBodySchema = z.object({
  presentation: z
    .string()
    .min(1)
    .max(16_384)
    .describe('The SD-JWT+KB: `aud` the request’s clientId, its nonce, a fresh iat'),
});
// Anyone may verify: a limit per client keeps the endpoint from being a free oracle for floods.
const verifyLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };

/**
 * The verifier's routes (docs/credentials.md): presentation requests (verifiers), the wallet's
 * answer, verification of any presentation (anyone, 200 even when refused) and the holder's
 * history of verifications.
 */
export function registerVerificationRoutes(
  app: HttpServer,
  deps: { verifications: VerificationsService },
): void {
  const { verifications } = deps;

  app.post(
    '/api/v1/verifications/requests',
    {
      schema: {
        tags,
        summary: 'Ask for claims: a one-time request (5 minutes) whose QR the verifier shows',
        body: PresentationRequestCreateSchema,
        response: { 201: PresentationRequestSchema, ...errors },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const created = await verifications.createRequest(
        requireRole(request, 'verifier'),
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/verifications/requests/:id',
    {
      schema: {
        tags,
        summary: 'A presentation request: who asks what and why; its result for the verifier',
        description: '`result` is null except for the verifier who made the request.',
        params: RequestParams,
        response: { 200: PresentationRequestStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return verifications.getRequest(request.principal, request.params.id);
    },
  );

  app.post(
    '/api/v1/verifications/requests/:id/response',
    {
      config: verifyLimit,
      schema: {
        tags,
        summary: 'The wallet answers a request (direct_post); answered once, before it expires',
        params: RequestParams,
        body: ResponseBodySchema,
        response: { 200: VerificationResultSchema, ...errors },
      },
    },
    async (request) => verifications.respond(request.params.id, request.body.presentation),
  );

  app.post(
    '/api/v1/verifications',
    {
      config: verifyLimit,
      schema: {
        tags,
        summary: 'Verify a presentation (a scanned QR, a paper copy, or a request’s answer)',
        description:
          '200 with `valid`, `failedCheck`, every check made and only the disclosed claims, also when refused.',
        body: VerificationRequestSchema,
        response: { 200: VerificationResultSchema, ...errors },
      },
    },
    async (request) => verifications.verify(request.principal, request.body),
  );

  app.get(
    '/api/v1/me/credentials/verifications',
    {
      schema: {
        tags,
        summary: 'Every verification of my credentials: where, when, which claims (never values)',
        response: { 200: z.object({ items: z.array(HolderVerificationSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await verifications.holderHistory(requirePrincipal(request)) }),
  );
}
