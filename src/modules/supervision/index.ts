/*
 * The supervision module (效能监察): metrics from the action history with rollups kept up to
 * date, dashboards and exports, the deadline watch's overdue list, inter-department matters
 * (Lishui), window staff grades and points (Taizhou). The only import surface for others.
 */
export type { SupervisionDeps } from './supervision.deps.js';
export { assembleMetrics, type Metrics } from './metrics.assemble.js';
export type { SupervisionMetricsTables } from './metrics.tables.js';
export { assembleWindowStaff, type WindowStaff } from './window-staff.assemble.js';
export type { WindowStaffTables } from './window-staff.tables.js';
export { loadWindowStaffRules, WINDOW_STAFF_RULES_FILE } from './window-staff.rules.js';
export { assembleInterDepartment, type InterDepartment } from './inter-department.assemble.js';
export type { InterDepartmentTables } from './inter-department.tables.js';
