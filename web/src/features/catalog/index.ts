export {
  fetchGuide,
  useBundleSearch,
  useDepartmentName,
  useDepartments,
  useGuide,
  useMatterSearch,
  type Guide,
  type MatterFilter,
  type SubjectKind,
} from './catalog-api';
export { useBi, useLimitText } from './bilingual';
export { LIFE_EVENT_ORDER, isLifeEvent, lifeEventKey } from './life-events';
export { MaterialWays, NeedTag, formatBytes, mediaTypeNames, needKey } from './material-ways';
export { StepGraph, taskStatusKey, type GraphStep } from './step-graph';
