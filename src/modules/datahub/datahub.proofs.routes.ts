import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import { BilingualTextSchema, ErrorBodySchema } from '../../../shared/contracts/index.js';
import type { ProofsService } from './datahub.proofs.js';

const errors = {
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
  503: ErrorBodySchema,
};

const IssuedSchema = z.object({
  code: z.string().describe('Verification code for a verifier (GET /api/v1/proofs/verify?code=)'),
  template: z.string(),
  name: BilingualTextSchema,
  statement: BilingualTextSchema.describe('What the proof states'),
  issuedAt: z.string(),
  expiresAt: z.string(),
  jws: z
    .string()
    .describe('The signed proof: compact JWS, EdDSA (Ed25519), key at GET /api/v1/proofs/key'),
});

/** The e-proof routes: templates, issue (the person), verify (anyone with the code), the public key. */
export function registerProofsRoutes(app: HttpServer, deps: { proofs: ProofsService }): void {
  const { proofs } = deps;
  app.get(
    '/api/v1/proofs/templates',
    {
      schema: {
        tags: ['proofs'],
        summary: 'The e-proof templates (电子证明)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                name: BilingualTextSchema,
                subject: z.enum(['self', 'organization', 'parent']),
                validDays: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: proofs.templates() }),
  );
  app.post(
    '/api/v1/me/proofs',
    {
      schema: {
        tags: ['proofs'],
        summary: 'Issue an e-proof from the sources (recorded as my own data access)',
        body: z.object({
          template: z.string().min(1).max(40).describe('Template code, e.g. `no-criminal-record`'),
          subject: z
            .string()
            .max(18)
            .optional()
            .describe('For `death`: the parent’s identity number'),
        }),
        response: { 201: IssuedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await proofs.issue(requirePrincipal(request), request.body)),
  );
  const VerifiedSchema = z.object({
    code: z.string(),
    status: z
      .enum(['valid', 'expired', 'invalid'])
      .describe('invalid: the signature does not hold'),
    template: z.string(),
    name: BilingualTextSchema,
    holder: z.string().describe('Whom it is about, masked'),
    statement: BilingualTextSchema,
    issuedAt: z.string(),
    expiresAt: z.string(),
    jws: z.string(),
  });
  // A code opens a proof: guessing is slowed per client, each check is logged (without the
  // code) and recorded in the access log of the person the proof is about.
  const verifyLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };
  const Code = z.string().min(4).max(40).describe('The verification code printed on the proof');
  app.get(
    '/api/v1/proofs/verify',
    {
      config: verifyLimit,
      schema: {
        tags: ['proofs'],
        summary: 'Verify an e-proof by its code (for a verifier); rate limited',
        querystring: z.object({ code: Code }),
        response: { 200: VerifiedSchema, 404: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request) =>
      proofs.verify(request.query.code, { accountId: request.principal?.accountId ?? null }),
  );
  app.post(
    '/api/v1/proofs/verify',
    {
      config: verifyLimit,
      schema: {
        tags: ['proofs'],
        summary:
          'Verify an e-proof by its code sent in the body, so it stays out of URLs; rate limited',
        body: z.object({ code: Code }),
        response: {
          200: VerifiedSchema,
          404: ErrorBodySchema,
          422: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (request) =>
      proofs.verify(request.body.code, { accountId: request.principal?.accountId ?? null }),
  );
  app.get(
    '/api/v1/proofs/key',
    {
      schema: {
        tags: ['proofs'],
        summary: 'The public key (JWK, Ed25519) that verifies e-proofs',
        response: {
          200: z.object({
            kty: z.string(),
            crv: z.string(),
            x: z.string(),
            kid: z.string(),
            alg: z.literal('EdDSA'),
            use: z.literal('sig'),
          }),
        },
      },
    },
    async () => proofs.publicKey(),
  );
}
