import { z } from 'zod';
import {
  CopiesRequestSchema,
  CopiesResponseSchema,
  CredentialStatusChangeSchema,
  CredentialViewSchema,
  DepartmentCredentialListSchema,
  DepartmentCredentialsQuerySchema,
  ErrorBodySchema,
  RegistryCredentialRequestSchema,
} from '../../../shared/contracts/index.js';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import { CredentialsErrors } from './credentials.errors.js';
import type { TrustList } from './credentials.keys.js';
import type { RegistryCredentials } from './credentials.registry.js';
import type { CredentialsService } from './credentials.service.js';
import type { StatusLists } from './credentials.status-lists.js';

const tags = ['credentials'];
const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
  503: ErrorBodySchema,
};
const IdParams = z.object({ id: z.string().min(1).max(64).describe('The credential id') });
const PublicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  kid: z.string().describe('`<department>:<yyyymmdd>:<random>`'),
  alg: z.literal('ES256'),
  use: z.literal('sig'),
});

/**
 * The issuing side's routes: the issuer metadata and keys, the status lists (public), the
 * holder's wallet (list, registry credentials, copies) and status changes by departments.
 */
export function registerCredentialsRoutes(
  app: HttpServer,
  deps: {
    credentials: CredentialsService;
    registry: RegistryCredentials;
    statusLists: Pick<StatusLists, 'token'>;
    trustList: TrustList;
    publicUrl: string;
  },
): void {
  const { credentials } = deps;
  const issuer = deps.publicUrl.replace(/\/$/, '');

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags,
        summary: 'The issuer keys of every department, active and retired (JWKS)',
        response: { 200: z.object({ keys: z.array(PublicJwkSchema) }) },
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      void reply.header('access-control-allow-origin', '*');
      return deps.trustList.jwks();
    },
  );

  app.get(
    '/.well-known/jwt-vc-issuer',
    {
      schema: {
        tags,
        summary: 'SD-JWT VC issuer metadata: the issuer identifier and where its keys are',
        response: { 200: z.object({ issuer: z.string(), jwks_uri: z.string() }) },
      },
    },
    async (_request, reply) => {
      void reply.header('access-control-allow-origin', '*');
      return { issuer, jwks_uri: `${issuer}/.well-known/jwks.json` };
    },
  );

  app.get(
    '/api/v1/status-lists/:id',
    {
      schema: {
        tags,
        summary: 'A department’s token status list (application/statuslist+jwt, 2 bits per entry)',
        description: '0 valid, 1 revoked, 2 suspended; `sub` is this URI, cache it for its `ttl`.',
        params: z.object({ id: z.string().min(1).max(64).describe('`<department>-<n>`') }),
      },
    },
    async (request, reply) => {
      const token = await deps.statusLists.token(request.params.id);
      if (!token) throw CredentialsErrors.listNotFound();
      return reply
        .header('cache-control', 'public, max-age=60')
        .header('access-control-allow-origin', '*')
        .type('application/statuslist+jwt')
        .send(token);
    },
  );

  app.get(
    '/api/v1/me/credentials',
    {
      schema: {
        tags,
        summary: 'My e-credentials (电子证照), newest first; identity numbers masked',
        response: { 200: z.object({ items: z.array(CredentialViewSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await credentials.list(requirePrincipal(request)) }),
  );

  app.post(
    '/api/v1/me/credentials/registry',
    {
      schema: {
        tags,
        summary: 'Add a credential from the registry (ID card …), a recorded read of my data',
        body: RegistryCredentialRequestSchema,
        response: { 200: CredentialViewSchema, 201: CredentialViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const r = await deps.registry.add(requirePrincipal(request), request.body.type);
      return reply.status(r.created ? 201 : 200).send(r.credential);
    },
  );

  app.get(
    '/api/v1/me/credentials/:id',
    {
      schema: {
        tags,
        summary: 'One of my e-credentials',
        params: IdParams,
        response: { 200: CredentialViewSchema, ...errors },
      },
    },
    async (request) => credentials.get(requirePrincipal(request), request.params.id),
  );

  app.post(
    '/api/v1/me/credentials/:id/copies',
    {
      // Each copy takes a status-list slot: a wallet tops up a few at a time, never a flood.
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Fresh copies (SD-JWT VC), one per wallet key, each with its own status slot',
        params: IdParams,
        body: CopiesRequestSchema,
        response: { 201: CopiesResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const out = await credentials.copies(
        requirePrincipal(request),
        request.params.id,
        request.body.holderKeys,
      );
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/api/v1/credentials',
    {
      schema: {
        tags,
        summary: 'The credentials my department issued for one application (its receipt number)',
        description:
          'For reviewers and leads of the issuing department; the holder masked, no other ' +
          'claim. An unknown receipt, or one without credentials of my department, is an empty list.',
        querystring: DepartmentCredentialsQuerySchema,
        response: { 200: DepartmentCredentialListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await credentials.ofReceipt(requirePrincipal(request), request.query.receiptNo),
    }),
  );

  app.post(
    '/api/v1/credentials/:id/status',
    {
      schema: {
        tags,
        summary: 'Revoke, suspend or reinstate a credential (the issuing department)',
        params: IdParams,
        body: CredentialStatusChangeSchema,
        response: { 200: CredentialViewSchema, ...errors },
      },
    },
    async (request) =>
      credentials.changeStatus(requirePrincipal(request), request.params.id, request.body),
  );
}
