// The credentials module's tables (migration 20261207_019_credentials). Times are RFC 3339
// text, booleans integers 0/1, JSON text.

/** An issuer key of a department; retired keys stay for verifying what they signed. */
export interface CredentialIssuerKeysTable {
  /** `<department>:<yyyymmdd>:<random>`: the department is the part before the first colon. */
  kid: string;
  department: string;
  alg: string;
  /** The public JWK (JSON) as published in /.well-known/jwks.json. */
  public_jwk: string;
  /** The private key, sealed with the secret box (an HSM deployment stores a handle here). */
  private_key: string;
  created_at: string;
  retired_at: string | null;
  /** The department while this is its active key (unique), null once retired. */
  active_for: string | null;
}

/** One credential of a holder: what it says and its status; its copies are issued on demand. */
export interface CredentialsTable {
  id: string;
  /** `app:<applicationId>:<type>` or `registry:<account>:<type>`: issued once. */
  dedupe_key: string;
  holder_account: string;
  /** The credential type (catalog/credential-types.yaml), e.g. BusinessLicence. */
  type: string;
  /** The issuing department's code. */
  issuer: string;
  /** `application` (the result of a completed application) or `registry` (ID card …). */
  source: string;
  application_id: string | null;
  receipt_no: string | null;
  /** The claims as JSON, derived claims included. */
  claims: string;
  /** `valid`, `revoked` or `suspended`. */
  status: string;
  status_reason: string | null;
  issued_at: string;
  expires_at: string | null;
  updated_at: string;
}

/** A 2-bit token status list of a department. */
export interface CredentialStatusListsTable {
  /** `<department>-<n>`; its URI is `<publicUrl>/api/v1/status-lists/<id>`. */
  id: string;
  issuer: string;
  bits: number;
  /** Number of entries (2^17). */
  size: number;
  /** Entries handed out. */
  used: number;
  created_at: string;
  updated_at: string;
}

/** One issued copy of a credential: its own status-list slot, drawn at random. */
export interface CredentialCopiesTable {
  id: string;
  credential_id: string;
  list_id: string;
  idx: number;
  /** `wallet` (bound to a holder key) or `paper` (the printable form, no holder key). */
  form: string;
  issued_at: string;
  expires_at: string;
}

/** A verifier's request for claims: the QR code its page shows, answered once. */
export interface PresentationRequestsTable {
  id: string;
  verifier_account: string;
  verifier_name: string;
  /** The `aud` the presentation must carry. */
  client_id: string;
  nonce: string;
  /** Bilingual JSON. */
  purpose: string;
  /** JSON array of credential types. */
  types: string;
  /** JSON array of claim names. */
  claims: string;
  /** `pending`, `answered` or `expired`. */
  state: string;
  verification_id: string | null;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
}

/** A verification made by our verifier (what the holder sees in their history). */
export interface CredentialVerificationsTable {
  id: string;
  at: string;
  verifier_account: string | null;
  verifier_name: string;
  request_id: string | null;
  /** `request`, `holder-qr` or `paper`. */
  mode: string;
  /** The credential the presentation was a copy of (found by its status slot), if ours. */
  credential_id: string | null;
  valid: number;
  failed_check: string | null;
  /** JSON array of the disclosed claims' names (never their values). */
  claims: string;
  /** The VerificationResult as JSON, disclosed values removed. */
  result: string;
}

/** Presentations accepted, by a hash of their key-binding JWT, until they could no longer pass. */
export interface CredentialPresentationsSeenTable {
  key: string;
  seen_at: string;
  expires_at: string;
}

export interface CredentialsTables {
  credential_issuer_keys: CredentialIssuerKeysTable;
  credentials: CredentialsTable;
  credential_status_lists: CredentialStatusListsTable;
  credential_copies: CredentialCopiesTable;
  presentation_requests: PresentationRequestsTable;
  credential_verifications: CredentialVerificationsTable;
  credential_presentations_seen: CredentialPresentationsSeenTable;
}
