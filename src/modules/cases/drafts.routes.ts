import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import { DraftInputSchema, DraftSchema, ErrorBodySchema } from '../../../shared/contracts/index.js';
import type { DraftsService } from './drafts.service.js';

const KeyParams = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .describe('Draft key chosen by the client (e.g. a UUID)'),
});
const errors = { 401: ErrorBodySchema, 404: ErrorBodySchema, 422: ErrorBodySchema };

/** Save and resume drafts of applications. */
export function registerDraftsRoutes(app: HttpServer, deps: { drafts: DraftsService }): void {
  const { drafts } = deps;
  app.put(
    '/api/v1/drafts/:key',
    {
      schema: {
        tags: ['applications'],
        summary: 'Save a draft (created or replaced)',
        params: KeyParams,
        body: DraftInputSchema,
        response: { 200: DraftSchema, ...errors },
      },
    },
    async (request) => drafts.save(requirePrincipal(request), request.params.key, request.body),
  );
  app.get(
    '/api/v1/drafts',
    {
      schema: {
        tags: ['applications'],
        summary: 'My drafts, newest first',
        response: { 200: z.object({ items: z.array(DraftSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await drafts.list(requirePrincipal(request)) }),
  );
  app.get(
    '/api/v1/drafts/:key',
    {
      schema: {
        tags: ['applications'],
        summary: 'One draft',
        params: KeyParams,
        response: { 200: DraftSchema, ...errors },
      },
    },
    async (request) => drafts.get(requirePrincipal(request), request.params.key),
  );
  app.delete(
    '/api/v1/drafts/:key',
    {
      schema: {
        tags: ['applications'],
        summary: 'Delete a draft',
        params: KeyParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await drafts.remove(requirePrincipal(request), request.params.key);
      return reply.status(204).send(null);
    },
  );
}
