export type { NotificationsTables } from './notifications.tables.js';
export { createNotificationsRepo } from './notifications.repo.js';
export {
  createNotificationsService,
  loggingMessenger,
  type NotificationsService,
  type OutboundMessenger,
  type OutboundMessage,
} from './notifications.service.js';
export { registerNotificationsRoutes } from './notifications.routes.js';
