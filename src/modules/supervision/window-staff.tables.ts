/** A window clerk's grade (考级: e.g. 初级/中级/高级/首席, per catalog/window-staff.yaml) and window. */
export interface ClerkProfilesTable {
  account_id: string;
  grade: string;
  /** The number of the window (综合窗口) the clerk sits at, e.g. "A03"; null if none. */
  window_no: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** Every change of a clerk's grade or window: who, when, from what to what. */
export interface ClerkGradeChangesTable {
  id: string;
  account_id: string;
  grade_before: string | null;
  grade: string;
  window_no_before: string | null;
  window_no: string | null;
  changed_by: string;
  changed_at: string;
}

/** One line of a clerk's monthly points ledger (积分), computed from the action history. */
export interface ClerkPointsTable {
  /** China-time month, YYYY-MM. */
  month: string;
  rule_id: string;
  application_id: string;
  account_id: string;
  receipt_no: string;
  points: number;
  /** When the fact happened. */
  at: string;
  computed_at: string;
}

/** When a month's ledger was last computed, and with which rules (their digest). */
export interface ClerkPointsMonthsTable {
  month: string;
  computed_at: string;
  rules_version: string;
}

/** The tables of window staff grades and points (Taizhou). */
export interface WindowStaffTables {
  clerk_profiles: ClerkProfilesTable;
  clerk_grade_changes: ClerkGradeChangesTable;
  clerk_points: ClerkPointsTable;
  clerk_points_months: ClerkPointsMonthsTable;
}
