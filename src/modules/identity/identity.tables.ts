/** 自然人: a person, keyed by resident identity number (GB 11643). */
export interface PersonsTable {
  id: string;
  id_number: string;
  name: string;
  phone: string | null;
  birth_date: string;
  sex: 'male' | 'female';
  division_code: string;
  created_at: string;
}

/** 法人和其他组织: an organisation, keyed by unified social credit code (GB 32100). */
export interface OrganizationsTable {
  id: string;
  credit_code: string;
  name: string;
  legal_representative_id: string | null;
  created_at: string;
}

/** A login account: staff, a person, or a company representative. */
export interface AccountsTable {
  id: string;
  username: string;
  /** `system` accounts belong to departments' own systems and sign in only by API key. */
  kind: 'staff' | 'person' | 'company' | 'system';
  display_name: string;
  password_hash: string;
  /** The TOTP seed sealed with AES-GCM (never stored in the clear); required for staff. */
  totp_secret_sealed: string | null;
  /** The last TOTP time step accepted, so a code cannot be replayed (RFC 6238 §5.2). */
  totp_last_step: number | null;
  /** JSON array of staff roles. */
  roles: string;
  department_code: string | null;
  person_id: string | null;
  organization_id: string | null;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
}

/** A signed-in session; only the SHA-256 of its token is stored. */
export interface SessionsTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** An API key of a department's system; only the SHA-256 of the key is stored. */
export interface ApiKeysTable {
  id: string;
  account_id: string;
  name: string;
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** Every login attempt, successful or not. */
export interface LoginEventsTable {
  id: string;
  account_id: string | null;
  username: string;
  outcome: LoginOutcome;
  ip: string | null;
  at: string;
}

export type LoginOutcome =
  | 'success'
  | 'unknown-user'
  | 'bad-password'
  | 'totp-required'
  | 'bad-totp'
  | 'locked'
  | 'disabled'
  | 'logout';

/** The identity module's tables. */
export interface IdentityTables {
  persons: PersonsTable;
  organizations: OrganizationsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  login_events: LoginEventsTable;
  api_keys: ApiKeysTable;
}
