/**
 * What one application's page shows besides light.ts (for a link to an application, e.g.
 * from a notification): its hooks, the timeline, the history, the one-time notice and the
 * form's summary, without the forms the page loads lazily when the application asks for one.
 * A separate entry from light.ts, so the guides and the progress page do not carry these.
 */
export { documentUrl, useApplication, useWithdraw } from './cases-api';
export { DocumentButton } from './document-button';
export { FormSummary } from './form-summary';
export { HistoryList } from './history-list';
export { NoticeCard } from './notice-card';
export { supplementRequests } from './supplement-requests';
export { TaskTimeline } from './task-timeline';
