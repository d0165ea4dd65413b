/**
 * The light part of the cases feature, for public pages (the QR code's progress page): the
 * status tags and the date format, without the forms, uploads and API hooks that the barrel
 * (index.ts) brings along and that would otherwise weigh on such a page's first screen.
 */
export { useDateTime } from './format';
export {
  AlertTag,
  ApplicationStatusTag,
  DueTime,
  TaskStatusTag,
  applicationStatusKey,
} from './status-tags';
