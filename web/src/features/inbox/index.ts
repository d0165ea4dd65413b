export { useInbox, useMarkRead, type Inbox, type Notification } from './inbox-api';
