/** One record a source department holds about a person or organisation (the built-in adapter's store). */
export interface DatahubRecordsTable {
  id: string;
  /** Source department code (`psb`, `hrss`, …). */
  source: string;
  /** Data item code within the source (`household-register`, …). */
  item: string;
  /** Identity number or unified social credit code the record is about. */
  subject_key: string;
  /** The record's fields as JSON text. */
  data: string;
  updated_at: string;
}

/** One access to a person's or organisation's data (what the person sees in 我的数据被谁用了). */
export interface DatahubAccessesTable {
  id: string;
  /** HMAC of the subject's identity number or credit code (the same reference as the ledger's). */
  subject_ref: string;
  /** `query` (a department), `submission` (at intake), `preview` / `proof` (the person themself). */
  channel: string;
  actor_account: string;
  actor_role: string;
  /** The department that read the data, or null for the person themself. */
  department: string | null;
  /** The items and fields read, as JSON `[{ source, item, fields }]`. */
  items: string;
  application_id: string | null;
  /** The ledger purpose: the application's receipt number, or `preview:<code>` / `proof:<template>`. */
  purpose: string;
  /** base64 SHA-256 of the data committed in the ledger entry (finds the entry again). */
  data_hash: string;
  at: string;
}

/** A contest of an access or a correction request, as a task for a department. */
export interface DatahubRequestsTable {
  id: string;
  kind: 'contest' | 'correction';
  /** The department that must answer (the supervision office, or the source department). */
  department: string;
  status: 'open' | 'done';
  subject_ref: string;
  account_id: string;
  access_id: string | null;
  /** The request as JSON text (source, item, field, proposed, reason). */
  body: string;
  created_at: string;
}

/** An issued e-proof (电子证明): the signed document and its verification code. */
export interface DatahubProofsTable {
  code: string;
  template: string;
  subject_ref: string;
  account_id: string;
  /** The compact JWS (EdDSA) of the proof's claims. */
  jws: string;
  issued_at: string;
  expires_at: string;
}

/** A refused purpose-bound query: nothing was read, so it is not an access (supervision reads these). */
export interface DatahubRefusalsTable {
  id: string;
  at: string;
  actor_account: string;
  actor_role: string;
  department: string | null;
  /** The application named as the purpose (as given; it may not exist). */
  application_id: string | null;
  /** HMAC of the subject, when it was a valid identity number or credit code. */
  subject_ref: string | null;
  /** The error code it was refused with (`DATAHUB_FIELD_NOT_ALLOWED`, …). */
  code: string;
  /** What was asked, as JSON `[{ source, item, fields? }]`. */
  items: string;
}

/** The datahub module's tables. */
export interface DatahubTables {
  datahub_records: DatahubRecordsTable;
  datahub_accesses: DatahubAccessesTable;
  datahub_requests: DatahubRequestsTable;
  datahub_proofs: DatahubProofsTable;
  datahub_refusals: DatahubRefusalsTable;
}
