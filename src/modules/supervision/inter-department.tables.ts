/** The tables of inter-department matters (Lishui): filled in by #13. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterDepartmentTables {}
