/** The tables of the supervision metrics (facts per application, rollups): filled in by #13. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SupervisionMetricsTables {}
