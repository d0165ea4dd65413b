import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import { ErrorBodySchema } from '../../../shared/contracts/index.js';
import type { NotificationsService } from './notifications.service.js';

const Text = z.object({ zh: z.string(), en: z.string() });
const NotificationSchema = z.object({
  id: z.string(),
  type: z.string().describe('The event, e.g. `application.accepted`'),
  title: Text,
  body: Text,
  applicationId: z.string().nullable(),
  receiptNo: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});

/** The signed-in account's inbox. */
export function registerNotificationsRoutes(
  app: HttpServer,
  deps: { notifications: NotificationsService },
): void {
  const { notifications } = deps;
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My inbox, newest first, with the unread count',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({ unread: z.number().int(), items: z.array(NotificationSchema) }),
          401: ErrorBodySchema,
        },
      },
    },
    async (request) => notifications.list(requirePrincipal(request), request.query.limit),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one notification read',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 204: z.null(), 401: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await notifications.markRead(requirePrincipal(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark every notification read',
        response: { 204: z.null(), 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await notifications.markAllRead(requirePrincipal(request));
      return reply.status(204).send(null);
    },
  );
}
