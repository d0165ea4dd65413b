/**
 * The light part of the cases feature, for public pages (the QR code's progress page, the
 * guides): the status tags, the date format and the drafts' hooks, without the forms, uploads
 * and selects that the barrel (index.ts) brings along and that would otherwise weigh on such
 * a page's first screen.
 */
export { draftKey, useDrafts, type Draft } from './drafts-api';
export { useDateTime } from './format';
export {
  AlertTag,
  ApplicationStatusTag,
  DueTime,
  TaskStatusTag,
  applicationStatusKey,
} from './status-tags';
