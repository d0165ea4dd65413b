export type { WebhooksTables } from './webhooks.tables.js';
export { createWebhooksRepo } from './webhooks.repo.js';
export {
  createWebhooksService,
  signDelivery,
  backoffMs,
  MAX_ATTEMPTS,
  type WebhooksService,
  type PostFn,
} from './webhooks.service.js';
export { registerWebhooksRoutes } from './webhooks.routes.js';
