import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import { ErrorBodySchema } from '../../../shared/contracts/index.js';
import type { WebhooksService } from './webhooks.service.js';

const Dept = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,31}$/)
    .describe('Department code'),
});

/** Managing departments' webhooks and reading their delivery log. */
export function registerWebhooksRoutes(app: HttpServer, deps: { webhooks: WebhooksService }): void {
  app.post(
    '/api/v1/departments/:code/webhooks',
    {
      schema: {
        tags: ['departments'],
        summary:
          'Subscribe a department’s system to its task and decision events; the signing secret is returned once',
        params: Dept,
        body: z
          .object({ url: z.string().url().max(1000).describe('Where events are POSTed') })
          .strict(),
        response: {
          201: z.object({
            id: z.string(),
            secret: z.string().describe('HMAC-SHA256 key: the signature is over `timestamp.body`'),
          }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          422: ErrorBodySchema,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await deps.webhooks.subscribe(
            requirePrincipal(request),
            request.params.code,
            request.body.url,
          ),
        ),
  );

  app.get(
    '/api/v1/departments/:code/webhook-deliveries',
    {
      schema: {
        tags: ['departments'],
        summary: 'The delivery log: every event, its attempts and the last answer',
        params: Dept,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                url: z.string(),
                eventType: z.string(),
                status: z.string(),
                attempts: z.number(),
                lastStatusCode: z.number().nullable(),
                lastError: z.string().nullable(),
                createdAt: z.string(),
                deliveredAt: z.string().nullable(),
              }),
            ),
          }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async (request) => ({
      items: (await deps.webhooks.log(requirePrincipal(request), request.params.code)).map((d) => ({
        id: d.id,
        url: d.url,
        eventType: d.event_type,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.last_status_code,
        lastError: d.last_error,
        createdAt: d.created_at,
        deliveredAt: d.delivered_at,
      })),
    }),
  );
}
