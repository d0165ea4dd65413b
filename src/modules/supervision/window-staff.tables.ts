/** The tables of window staff grades and points (Taizhou): filled in by #13. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WindowStaffTables {}
