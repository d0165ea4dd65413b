import { z } from 'zod';

/** Staff roles (API.md demo accounts). */
export const StaffRoleSchema = z
  .enum([
    'clerk',
    'reviewer',
    'lead',
    'supervisor',
    'admin',
    'judge',
    'mediator',
    'grid-worker',
    'verifier',
  ])
  .describe('A staff role');
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** The kind of account: staff, a natural person, or a company representative. */
export const AccountKindSchema = z.enum(['staff', 'person', 'company']).describe('Kind of account');
export type AccountKind = z.infer<typeof AccountKindSchema>;

/** POST /api/v1/auth/login */
export const LoginRequestSchema = z
  .object({
    username: z
      .string()
      .min(1)
      .max(100)
      .describe('Account name, e.g. `citizen1` or `reviewer.amr`'),
    password: z.string().min(1).max(200).describe('Password'),
    totp: z
      .string()
      .regex(/^\d{6}$/, 'must be 6 digits')
      .optional()
      .describe('Current 6-digit TOTP code (RFC 6238); required for staff accounts'),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The signed-in account as the client sees it; personal numbers are masked. */
export const MeSchema = z.object({
  id: z.string().describe('Account id'),
  username: z.string().describe('Account name'),
  displayName: z.string().describe('Name to show'),
  kind: AccountKindSchema,
  roles: z.array(StaffRoleSchema).describe('Staff roles (empty for applicants)'),
  department: z
    .object({ code: z.string(), name: z.string() })
    .nullable()
    .describe('Department scope of a staff account'),
  maskedIdNumber: z
    .string()
    .nullable()
    .describe('The person’s identity number, masked (330681********1234)'),
  organization: z
    .object({ name: z.string(), creditCode: z.string().describe('Unified social credit code') })
    .nullable()
    .describe('The company a company account represents'),
});
export type Me = z.infer<typeof MeSchema>;

/**
 * GET /api/v1/session: whether a person is signed in, answered 200 either way so a
 * browser's first look is never a failed request. `account` is the same as GET /api/v1/me.
 */
export const SessionProbeSchema = z.object({
  signedIn: z.boolean().describe('Whether the request carries a live session of an account'),
  account: MeSchema.nullable().describe('The signed-in account; null when nobody is signed in'),
});
export type SessionProbe = z.infer<typeof SessionProbeSchema>;

/** 200 answer to a successful login. */
export const LoginResponseSchema = z.object({
  token: z.string().describe('Bearer token; also set as an httpOnly session cookie'),
  expiresAt: z.string().describe('RFC 3339 time the session ends'),
  account: MeSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** Error codes of login that clients react to. */
export const AUTH_ERROR_CODES = {
  invalidCredentials: 'AUTH_INVALID_CREDENTIALS',
  totpRequired: 'AUTH_TOTP_REQUIRED',
  totpInvalid: 'AUTH_TOTP_INVALID',
  locked: 'AUTH_ACCOUNT_LOCKED',
  required: 'AUTH_REQUIRED',
} as const;
