export {
  RUNNING_TASK_STATUSES,
  SETTLED_STATUSES,
  applicationKey,
  submitApplication,
  useEvaluate,
  useHandOver,
  useRefuse,
  useSupplyMaterials,
  useTaskAction,
  useTaskPause,
  type PauseReason,
  useTaskQueue,
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
export { enumLabel, fieldLabel, isEmptyValue, toSubmittedForm } from './form-rules';
export {
  LocalizedErrors,
  SchemaFields,
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
// The parts without forms, also importable on their own (light.ts, view.ts).
export * from './light';
export * from './view';
export { SupplyForm, type RequestedItem } from './supply-form';
export { FilePreview } from './file-preview';
