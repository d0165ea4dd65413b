/**
 * The tables of the supervision metrics: applications whose facts changed (dirty marks, set in
 * the transaction of every action), each application's stored contribution, the rollups and a
 * little state (the data-hub sweep's watermark).
 */
export interface SupervisionDirtyTable {
  application_id: string;
  marked_at: string;
}

/** What one application adds to the rollups now (its units, JSON), and when to look again. */
export interface SupervisionContributionsTable {
  application_id: string;
  units: string;
  /** When time alone changes its figures (a due time passing), or null. */
  recheck_at: string | null;
  folded_at: string;
}

/**
 * One rollup row: the key columns below, then one integer column per counter of
 * `metrics.counters.ts` (ALL_COLUMNS; read and written by metrics.repo.ts only).
 */
export interface SupervisionRollupsTable {
  period: string;
  day: string;
  dim: string;
  dept: string;
  key: string;
  channel: string;
  subject: string;
}

export interface SupervisionStateTable {
  name: string;
  value: string;
}

/** The tables of the supervision metrics (facts per application, rollups). */
export interface SupervisionMetricsTables {
  supervision_dirty: SupervisionDirtyTable;
  supervision_contributions: SupervisionContributionsTable;
  supervision_rollups: SupervisionRollupsTable;
  supervision_state: SupervisionStateTable;
}
