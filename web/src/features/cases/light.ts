/**
 * The light part of the cases feature, for pages opened directly (the QR code's progress
 * page, the guides, my applications): the status tags, the date format, the list's and the
 * drafts' hooks, without the forms, uploads and selects that the barrel (index.ts) brings
 * along and that would otherwise weigh on such a page's first screen.
 */
export { useApplications, type ApplicationSummary } from './cases-api';
export { draftKey, useDeleteDraft, useDrafts, type Draft } from './drafts-api';
export { useDateTime } from './format';
export {
  AlertTag,
  ApplicationStatusTag,
  DueTime,
  TaskStatusTag,
  applicationStatusKey,
} from './status-tags';
