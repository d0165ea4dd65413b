import { z } from 'zod';
import { BilingualTextSchema as Bilingual } from './catalog.js';

// E-credentials (电子证照) as SD-JWT VCs: what the server answers and the web app sends.
// The design, and what every check means, is docs/credentials.md.

/** The `typ` of every credential we issue and accept (draft-ietf-oauth-sd-jwt-vc). */
export const CREDENTIAL_TYP = 'dc+sd-jwt';
/** The `typ` of a status list token (draft-ietf-oauth-status-list). */
export const STATUS_LIST_TYP = 'statuslist+jwt';
/** Signature algorithms accepted from issuers and holders. */
export const CREDENTIAL_ALGS = ['ES256'] as const;
/** The `aud` of a presentation the holder shows as a QR code, for whoever scans it. */
export const OFFLINE_AUDIENCE = 'onetrip:any-verifier';
/** How long a presentation shown by the holder is accepted after its `iat`. */
export const OFFLINE_PRESENTATION_SECONDS = 60;
/** How far a key-binding `iat` may be from the verifier's clock, either way (request mode). */
export const KB_FRESHNESS_SECONDS = 120;
/** Status values of a 2-bit token status list. */
export const CREDENTIAL_STATUS = { valid: 0, revoked: 1, suspended: 2 } as const;
/** The `vct` of a credential type: `urn:cn:onetrip:<Type>:1`. */
export const vctOf = (type: string): string => `urn:cn:onetrip:${type}:1`;
/** The credential type of a `vct`, or null when it is not one of ours. */
export const typeOfVct = (vct: string): string | null =>
  /^urn:cn:onetrip:([A-Za-z]+):1$/.exec(vct)?.[1] ?? null;

export const CredentialStatusSchema = z
  .enum(['valid', 'revoked', 'suspended'])
  .describe('有效 / 已撤销 / 已暂停');

/** One credential in the holder's wallet (GET /api/v1/me/credentials). */
export const CredentialViewSchema = z.object({
  id: z.string(),
  type: z.string().describe('The credential type, e.g. BusinessLicence'),
  vct: z.string(),
  name: Bilingual.describe('The type in words (营业执照)'),
  kind: z.string().describe('licence, certificate, proof, record or decision'),
  issuer: z.object({ code: z.string(), name: z.string() }).describe('The issuing department'),
  claims: z
    .record(z.string(), z.unknown())
    .describe('What the credential says, derived claims included; identity numbers masked'),
  status: CredentialStatusSchema,
  statusReason: z.string().nullable(),
  issuedAt: z.string(),
  expiresAt: z.string().nullable(),
  applicationId: z.string().nullable().describe('The application it is the result of, if any'),
  receiptNo: z.string().nullable(),
  paper: z.boolean().describe('Whether a printable paper form is offered'),
});
export type CredentialView = z.infer<typeof CredentialViewSchema>;

/** The label of each claim, for wallets and verifiers. */
export const ClaimLabelSchema = z.object({ name: z.string(), label: Bilingual });

/** POST /api/v1/me/credentials/{id}/copies: fresh copies bound to the wallet's keys. */
export const CopiesRequestSchema = z.object({
  holderKeys: z
    .array(
      z.object({
        kty: z.literal('EC'),
        crv: z.literal('P-256'),
        x: z.string().max(64),
        y: z.string().max(64),
      }),
    )
    .min(1)
    .max(10)
    .describe('One public key per copy (P-256 JWK), each made by the wallet and used once'),
});
export const CopiesResponseSchema = z.object({
  copies: z.array(
    z.object({
      sdJwt: z.string().describe('The issued SD-JWT VC (`<jwt>~<disclosure>~…~`)'),
      expiresAt: z.string(),
    }),
  ),
});

/** POST /api/v1/me/credentials/registry: adds a credential from the registry (ID card …). */
export const RegistryCredentialRequestSchema = z.object({
  type: z.enum(['ResidentIdCard', 'HouseholdRegister', 'DrivingLicence', 'ResidencePermit']),
});

/** POST /api/v1/credentials/{id}/status: a department revokes, suspends or reinstates. */
export const CredentialStatusChangeSchema = z.object({
  status: CredentialStatusSchema,
  reason: z.string().min(2).max(500).describe('Why; shown to the holder'),
});

/** GET /api/v1/credentials?receiptNo=…: the query a department finds its credentials by. */
export const DepartmentCredentialsQuerySchema = z.object({
  receiptNo: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .describe('The receipt number (受理编号) of the application the credentials are the result of'),
});

/** One credential as its issuing department's staff see it: no claims beyond the holder. */
export const DepartmentCredentialSchema = z.object({
  id: z.string(),
  type: z.string().describe('The credential type, e.g. BusinessLicence'),
  vct: z.string(),
  name: Bilingual.describe('The type in words (营业执照)'),
  holder: z
    .object({
      name: z
        .string()
        .nullable()
        .describe('The holder named in the credential (company or person)'),
      number: z
        .string()
        .nullable()
        .describe('Credit code, or the identity number masked (330681********1234)'),
    })
    .describe('Whom the credential is about; never a full identity number'),
  status: CredentialStatusSchema,
  statusReason: z.string().nullable(),
  issuedAt: z.string(),
  expiresAt: z.string().nullable(),
  receiptNo: z.string().nullable(),
});
export type DepartmentCredential = z.infer<typeof DepartmentCredentialSchema>;

/** What GET /api/v1/credentials answers: the department's credentials of one application. */
export const DepartmentCredentialListSchema = z.object({
  items: z.array(DepartmentCredentialSchema),
});
export type DepartmentCredentialList = z.infer<typeof DepartmentCredentialListSchema>;

/** POST /api/v1/verifications/requests: the verifier asks for claims (the QR it shows). */
export const PresentationRequestCreateSchema = z.object({
  types: z
    .array(z.string())
    .min(1)
    .max(10)
    .describe('Credential types accepted, e.g. ["ResidentIdCard"]'),
  claims: z.array(z.string()).min(1).max(20).describe('Claims the verifier needs'),
  purpose: Bilingual.describe('Why, shown to the holder (住宿登记)'),
});

/** A presentation request as the holder's wallet and the verifier's page see it. */
export const PresentationRequestSchema = z.object({
  id: z.string(),
  clientId: z.string().describe('The `aud` the presentation must carry'),
  nonce: z.string().describe('One-time; the presentation must carry it'),
  verifier: z.string().describe('Who asks (the verifier account’s display name)'),
  purpose: Bilingual,
  types: z.array(z.string()),
  claims: z.array(z.string()),
  expiresAt: z.string(),
  state: z.enum(['pending', 'answered', 'expired']),
  qr: z.string().describe('What the verifier’s QR code carries: the wallet link of this request'),
});
export type PresentationRequest = z.infer<typeof PresentationRequestSchema>;

/** The checks a verification makes, in order. */
export const VerificationCheckNameSchema = z.enum([
  'format', // an SD-JWT of ours: `<jwt>~…~<kb-jwt>`, parseable
  'typ', // header typ is dc+sd-jwt
  'alg', // header alg on the allow-list
  'issuer', // kid in our trust list, of the department that issues the type
  'signature', // the issuer's signature
  'disclosures', // every disclosure's digest is in the credential, none twice
  'expiry', // not expired, not issued in the future
  'key-binding', // a KB-JWT signed by the `cnf` key, typ kb+jwt, sd_hash matches
  'audience', // KB aud is ours (the request's client id, or the offline audience)
  'nonce', // KB nonce is the request's one-time nonce
  'freshness', // KB iat within the window
  'replay', // this presentation was not accepted before
  'claims', // the claims asked for are disclosed
  'status', // the status list (allowed host, signed, sub matches) says valid
]);
export type VerificationCheckName = z.infer<typeof VerificationCheckNameSchema>;

export const VerificationCheckSchema = z.object({
  check: VerificationCheckNameSchema,
  passed: z.boolean(),
  detail: Bilingual.nullable().describe('Why it failed, or a note (e.g. status data age)'),
});
export type VerificationCheck = z.infer<typeof VerificationCheckSchema>;

/** POST /api/v1/verifications: verify a presentation. */
export const VerificationRequestSchema = z.object({
  presentation: z
    .string()
    .min(1)
    .max(16_384)
    .describe('SD-JWT+KB, or the text of a scanned QR code'),
  requestId: z
    .string()
    .max(64)
    .optional()
    .describe('The presentation request it answers (nonce and audience from it)'),
});

/** What a verification answers (200, also when the presentation is refused). */
export const VerificationResultSchema = z.object({
  id: z.string().nullable().describe('The recorded verification'),
  valid: z.boolean(),
  failedCheck: VerificationCheckNameSchema.nullable().describe('The first check that failed'),
  checks: z.array(VerificationCheckSchema).describe('Each check made, in order'),
  credential: z
    .object({
      type: z.string(),
      name: Bilingual,
      issuer: z.object({ code: z.string(), name: z.string() }),
      issuedAt: z.string(),
      expiresAt: z.string().nullable(),
    })
    .nullable(),
  disclosed: z.record(z.string(), z.unknown()).describe('Only the claims the holder disclosed'),
  statusCheckedAt: z.string().nullable().describe('When the status data used was fetched'),
  verifiedAt: z.string(),
});
export type VerificationResult = z.infer<typeof VerificationResultSchema>;

/** The verifier page polls its request: pending, or answered with the result. */
export const PresentationRequestStateSchema = PresentationRequestSchema.extend({
  result: VerificationResultSchema.nullable(),
});

/** One verification of the holder's credentials (GET /api/v1/me/credentials/verifications). */
export const HolderVerificationSchema = z.object({
  id: z.string(),
  at: z.string(),
  verifier: z.string().describe('Who verified (account display name, or 匿名 for the public)'),
  purpose: Bilingual.nullable(),
  credentialId: z.string(),
  credentialName: Bilingual,
  claims: z.array(z.string()).describe('The names of the claims disclosed'),
  valid: z.boolean(),
  mode: z.enum(['request', 'holder-qr', 'paper']),
});
export type HolderVerification = z.infer<typeof HolderVerificationSchema>;
