import { z } from 'zod';

/** One problem with one field, keyed by its dotted path (`form.capital`). */
export const FieldIssueSchema = z.object({
  path: z.string().describe('Dotted path of the field, e.g. `form.capital`'),
  code: z.string().describe('Machine-readable rule that failed'),
  message: z.string().describe('What is wrong, for a person'),
});

/** The one error body of the API (API.md "Conventions"). */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('Stable, module-prefixed code, e.g. `AUTH_INVALID_CREDENTIALS`'),
    message: z.string().describe('Message in the language of Accept-Language (Chinese by default)'),
    details: z.unknown().optional().describe('Extra data, e.g. `{ issues: FieldIssue[] }` for 422'),
    requestId: z.string().describe('The request id, also in the `x-request-id` header'),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
export type FieldIssue = z.infer<typeof FieldIssueSchema>;
