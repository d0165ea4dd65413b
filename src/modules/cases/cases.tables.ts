/** 办件: one applicant's request for a matter or bundle. Its status is cached from its actions. */
export interface ApplicationsTable {
  id: string;
  receipt_no: string;
  subject_kind: 'matter' | 'bundle';
  subject_code: string;
  title: string;
  applicant_kind: 'person' | 'company' | 'department';
  applicant_person_id: string | null;
  applicant_org_id: string | null;
  applicant_department: string | null;
  submitted_by: string;
  channel: 'online' | 'window' | 'overseas' | 'department';
  status: ApplicationStatus;
  /** The matter or bundle definition as it was when the application came in (JSON), frozen. */
  definition: string;
  /** The submitted form (JSON). */
  form: string;
  /** The state of every material (JSON array of MaterialState). */
  materials: string;
  /** Data passed between steps: outputs of decided steps (JSON object). */
  context: string;
  /** 一次性告知: the one-time notice of a deficient application (JSON), or null. */
  notice: string | null;
  accepted_at: string | null;
  due_at: string | null;
  completed_at: string | null;
  alert: AlertLevel;
  paused_since: string | null;
  idempotency_scope: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
}

export type ApplicationStatus =
  'deficient' | 'accepted' | 'paused' | 'completed' | 'rejected' | 'refused' | 'withdrawn';

export type AlertLevel = 'normal' | 'warning' | 'overdue';

/** One department's step of an application. */
export interface TasksTable {
  id: string;
  application_id: string;
  step_id: string;
  matter_code: string;
  department_code: string;
  status: TaskStatus;
  assignee: string | null;
  opened_at: string | null;
  due_at: string | null;
  decided_at: string | null;
  decision: 'approve' | 'reject' | null;
  outputs: string | null;
  comment: string | null;
  alert: AlertLevel;
  paused_since: string | null;
  pause_reason: string | null;
  escalated_at: string | null;
}

export type TaskStatus =
  'pending' | 'open' | 'claimed' | 'supplement' | 'paused' | 'approved' | 'rejected' | 'cancelled';

/** The append-only history of an application: who did what, when, through which channel. */
export interface CaseActionsTable {
  id: string;
  application_id: string;
  seq: number;
  task_id: string | null;
  at: string;
  actor: string;
  actor_role: string;
  channel: string;
  type: string;
  data: string;
}

/**
 * Follow-ups: unmet 容缺 commitments, escalations, rating call-backs and rectifications. Each
 * has a department and an owner who answers for it; `open` until due, `raised` once overdue
 * (told once), `done` when closed with an outcome.
 */
export interface FollowUpsTable {
  id: string;
  application_id: string;
  kind: 'commitment' | 'escalation' | 'rating-callback' | 'rating-rectification';
  task_id: string | null;
  material_id: string | null;
  department_code: string | null;
  due_at: string;
  status: 'open' | 'raised' | 'done';
  note: string | null;
  created_at: string;
  closed_at: string | null;
  /** The account who answers for it (the department's lead, the accepting clerk), if any. */
  owner_account: string | null;
  closed_by: string | null;
  /** What was done, as told to the applicant. */
  outcome: string | null;
}

/** 好差评: a rating of the whole application or of one step's department. */
export interface EvaluationsTable {
  id: string;
  application_id: string;
  task_id: string | null;
  department_code: string | null;
  score: number;
  comment: string | null;
  by_account: string;
  at: string;
}

/** A saved, not yet submitted application of one account (resumable on any device). */
export interface DraftsTable {
  account_id: string;
  key: string;
  subject_kind: 'matter' | 'bundle';
  subject_code: string;
  form: string;
  materials: string;
  step: number;
  updated_at: string;
}

/** Which application holds which uploaded file, kept in step with `applications.materials`. */
export interface ApplicationFilesTable {
  application_id: string;
  material_id: string;
  file_id: string;
}

/** 原件核验: a material whose original a clerk saw at window intake (which, who, when). */
export interface ApplicationOriginalsTable {
  id: string;
  application_id: string;
  material_id: string;
  clerk_account: string;
  /** The clerk's display name when the original was checked. */
  clerk_name: string;
  at: string;
}

/** 授权调取: the consent to fetch an application's data, given with it (one per application). */
export interface ApplicationConsentsTable {
  id: string;
  application_id: string;
  /** Who gave it online, or the clerk who recorded the applicant's agreement. */
  account_id: string;
  given_by: 'applicant' | 'clerk';
  given_at: string;
  previewed_at: string | null;
  /** JSON: [{ material, source, item, fields | null }] — the data items agreed to. */
  items: string;
}

/** The case module's tables. */
export interface CasesTables {
  applications: ApplicationsTable;
  tasks: TasksTable;
  case_actions: CaseActionsTable;
  follow_ups: FollowUpsTable;
  evaluations: EvaluationsTable;
  drafts: DraftsTable;
  application_files: ApplicationFilesTable;
  application_originals: ApplicationOriginalsTable;
  application_consents: ApplicationConsentsTable;
}
