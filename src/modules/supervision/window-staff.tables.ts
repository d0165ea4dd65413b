/** A window clerk's grade (考级: e.g. 初级/中级/高级/首席, per catalog/window-staff.yaml) and window. */
export interface ClerkProfilesTable {
  account_id: string;
  grade: string;
  /** The number of the window (综合窗口) the clerk sits at, e.g. "A03"; null if none. */
  window_no: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** The tables of window staff grades and points (Taizhou). */
export interface WindowStaffTables {
  clerk_profiles: ClerkProfilesTable;
}
