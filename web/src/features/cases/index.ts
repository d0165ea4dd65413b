export {
  RUNNING_TASK_STATUSES,
  SETTLED_STATUSES,
  applicationKey,
  documentUrl,
  submitApplication,
  useApplication,
  useEvaluate,
  useHandOver,
  useRefuse,
  useSupplyMaterials,
  useTaskAction,
  useTaskPause,
  type PauseReason,
  useTaskQueue,
  useWithdraw,
} from './cases-api';
export { choicesFromDraft, useSaveDraft, type MaterialChoice } from './drafts-api';
export {
  lookupOrganization,
  lookupPerson,
  type OrganizationLookup,
  type PersonLookup,
} from './lookup-api';
export {
  creditCodeProblem,
  creditCodeTypingProblem,
  idNumberProblem,
  idNumberTypingProblem,
} from './identity-checks';
export { fieldLabel, isEmptyValue, toSubmittedForm } from './form-rules';
export {
  LocalizedErrors,
  SchemaFields,
  enumLabel,
  initialFormValues,
  issueField,
  showFormIssues,
} from './schema-form';
export { FileUploadField, type UploadedFile } from './file-upload';
export {
  MaterialChoices,
  defaultChoice,
  isSatisfied,
  missingMaterials,
  toMaterialEntries,
  waysOf,
} from './material-choices';
export { newIdempotencyKey } from './format';
// The status tags, the date format, the list's and the drafts' hooks: also light.ts on its own.
export * from './light';
export { NoticeCard } from './notice-card';
export { SupplyForm, type RequestedItem } from './supply-form';
export { TaskTimeline } from './task-timeline';
export { HistoryList } from './history-list';
export { FormSummary } from './form-summary';
export { FilePreview } from './file-preview';
export { supplementRequests } from './supplement-requests';
