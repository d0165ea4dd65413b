/*
 * The credentials module (电子证照): SD-JWT VCs issued from completed applications and the
 * registry, per-department ES256 issuer keys, 2-bit token status lists, the holder's copies
 * and, on the verifier's side, verifications (docs/credentials.md). The only import surface
 * for other modules.
 */
export type { CredentialsTables } from './credentials.tables.js';
export { assembleCredentials, type Credentials } from './credentials.assemble.js';
export {
  createIssuerKeys,
  departmentOfKid,
  es256Sign,
  EXTERNAL_KEY_HANDLE,
  type CredentialSigner,
  type ExternalCredentialSigner,
  type IssuerKeys,
  type PublicJwk,
  type TrustList,
} from './credentials.keys.js';
export {
  createStatusLists,
  decodeStatus,
  encodeStatusList,
  statusValue,
  STATUS_LIST_BITS,
  STATUS_LIST_FILL,
  STATUS_LIST_SIZE,
  STATUS_LIST_TTL,
  type StatusLists,
} from './credentials.status-lists.js';
export {
  createCredentialsService,
  COPY_DAYS,
  PAPER_KINDS,
  type CredentialsService,
  type CredentialTypeInfo,
  type HolderKey,
} from './credentials.service.js';
export { REGISTRY_SPECS, type RegistryType } from './credentials.registry.js';
export { ageOver18, maskedClaims, provinceOf, withDerivedClaims } from './credentials.claims.js';
export { CredentialsErrors } from './credentials.errors.js';
// ── Verifier helper: export createVerificationService / registerVerificationRoutes here. ──
export {
  createVerificationsService,
  VerificationsErrors,
  type VerificationsService,
} from './verifications.service.js';
export { registerVerificationRoutes } from './verifications.routes.js';
export { createNodeVerifyCrypto, createStatusListSource } from './verify.node.js';
