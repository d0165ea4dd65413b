import { z } from 'zod';

import {
  ApplicationLedgerSchema,
  ErrorBodySchema,
  LedgerEntrySchema,
  LedgerLeafSchema,
  OpenedEntrySchema,
  OpenedLedgerEntrySchema,
} from '../../../shared/contracts/index.js';
import {
  requirePrincipal,
  requireRole,
  type HttpServer,
  type Principal,
} from '../../platform/http/index.js';
import type { LedgerRecord } from './ledger.record.js';
import type { LedgerEntryView, LedgerService, OpenedEntryView } from './ledger.service.js';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};
const tags = ['ledger'];

// A decimal integer below 2^53 with no sign, spaces or leading zeros: `?index=` or `?index=1e3`
// must be refused, not read as 0 or 1000.
const uint = (what: string) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,15})$/, 'a non-negative decimal integer')
    .transform(Number)
    .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER))
    .describe(what);

const ProofHashes = z
  .array(z.string())
  .describe('RFC 9162 proof hashes, base64, in verification order');

function presentEntry(e: LedgerEntryView) {
  return {
    index: e.index,
    entry: Buffer.from(e.entry, 'utf8').toString('base64'),
    leafHash: e.leafHash.toString('base64'),
    record: e.record as z.infer<typeof LedgerLeafSchema>,
    createdAt: e.createdAt,
  };
}

function presentOpened(e: OpenedEntryView) {
  return { ...presentEntry(e), opened: openedBody(e.opened) };
}

const openedBody = (o: { record: LedgerRecord; salt: string }) => ({
  record: o.record,
  salt: o.salt,
});

/**
 * The ledger's HTTP API (API.md): checkpoint, key, entries, inclusion and consistency
 * proofs, witness cosignatures, an application's entries, and the C2SP tlog-tiles static
 * read paths under `/ledger/` so any auditor can mirror the log. Reading needs no sign-in:
 * a leaf is a salted commitment, its kind and its time; openings go only to those who may see
 * what an entry records.
 */
export function registerLedgerRoutes(
  app: HttpServer,
  deps: {
    ledger: LedgerService;
    /** Reads an application as the caller may see it (404 otherwise): the cases service's `get`. */
    applications: { get(p: Principal, id: string): Promise<{ receiptNo: string }> };
  },
): void {
  const { ledger } = deps;

  const sendCheckpoint = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    const cp = await ledger.latestCheckpoint();
    return reply
      .header('cache-control', 'no-cache')
      .header('access-control-allow-origin', '*')
      .type('text/plain; charset=utf-8')
      .send(cp.note);
  };
  app.get(
    '/api/v1/ledger/checkpoint',
    {
      schema: {
        tags,
        summary:
          'The latest checkpoint as a C2SP signed note (text/plain), with witness cosignatures',
        response: { 404: ErrorBodySchema },
      },
    },
    sendCheckpoint,
  );
  app.get(
    '/ledger/checkpoint',
    { schema: { tags, summary: 'C2SP tlog-tiles: the latest checkpoint (text/plain)' } },
    sendCheckpoint,
  );

  app.get(
    '/api/v1/ledger/key',
    {
      schema: {
        tags,
        summary: 'The log’s verifier key (`name+hex-id+base64-key`, C2SP signed-note), text/plain',
      },
    },
    async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send((await ledger.verifierKey()).verifierKey),
  );

  // The key a browser pins: served apart from every checkpoint and proof (and written into
  // the web app's page), so an answer that carries a forged checkpoint cannot also vouch for it.
  app.get(
    '/.well-known/onetrip-ledger-key',
    {
      schema: {
        tags,
        summary: 'The log’s verifier key to pin (`name+hex-id+base64-key`), text/plain',
      },
    },
    async (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=3600')
        .header('access-control-allow-origin', '*')
        .type('text/plain; charset=utf-8')
        .send((await ledger.verifierKey()).verifierKey),
  );

  app.get(
    '/api/v1/ledger/entries/:index',
    {
      schema: {
        tags,
        summary: 'One entry: its bytes (base64), leaf hash and what it records',
        params: z.object({ index: uint('Entry index') }),
        response: { 200: LedgerEntrySchema, ...errors },
      },
    },
    async (request) => presentEntry(await ledger.entry(request.params.index)),
  );

  app.get(
    '/api/v1/ledger/entries/:index/opened',
    {
      schema: {
        tags,
        summary:
          'One entry with its opening (record and salt): for the supervision office; others open entries through their application or access log',
        params: z.object({ index: uint('Entry index') }),
        response: { 200: OpenedLedgerEntrySchema, 403: ErrorBodySchema, ...errors },
      },
    },
    async (request) => {
      requireRole(request, 'supervisor');
      return presentOpened(await ledger.openedEntry(request.params.index));
    },
  );

  app.post(
    '/api/v1/ledger/entries/:index/opening',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'Check an opened entry (record and salt) against the public leaf: 200 when it opens the commitment, 422 LEDGER_OPENING_MISMATCH when forged or edited',
        params: z.object({ index: uint('Entry index') }),
        body: OpenedEntrySchema,
        response: {
          200: z.object({
            index: z.number().int(),
            opens: z.literal(true),
            leafHash: z.string().describe('base64 leaf hash, to check inclusion against'),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { leafHash } = await ledger.checkOpening(request.params.index, request.body);
      return {
        index: request.params.index,
        opens: true as const,
        leafHash: leafHash.toString('base64'),
      };
    },
  );

  app.get(
    '/api/v1/ledger/proofs/inclusion',
    {
      schema: {
        tags,
        summary: 'RFC 9162 inclusion proof of an entry in the tree of a given size',
        querystring: z.object({
          index: uint('Entry index'),
          treeSize: uint('Tree size (of a checkpoint), greater than index'),
        }),
        response: {
          200: z.object({
            index: z.number().int().describe('Entry index'),
            treeSize: z.number().int().describe('Tree size'),
            hashes: ProofHashes,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const proof = await ledger.inclusionProof(request.query.index, request.query.treeSize);
      return { ...proof, hashes: proof.hashes.map((h) => h.toString('base64')) };
    },
  );

  app.get(
    '/api/v1/ledger/proofs/consistency',
    {
      schema: {
        tags,
        summary:
          'RFC 9162 consistency proof that the tree of size `to` extends the tree of size `from`',
        querystring: z.object({
          from: uint('Earlier tree size, at least 1'),
          to: uint('Later tree size, at least `from`'),
        }),
        response: {
          200: z.object({
            from: z.number().int().describe('Earlier size'),
            to: z.number().int().describe('Later size'),
            hashes: ProofHashes,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const proof = await ledger.consistencyProof(request.query.from, request.query.to);
      return { ...proof, hashes: proof.hashes.map((h) => h.toString('base64')) };
    },
  );

  app.post(
    '/api/v1/ledger/cosignatures',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'A witness submits a checkpoint of this log carrying its C2SP tlog-cosignature (text/plain signed note)',
        body: z
          .string()
          .min(1)
          .max(65_536)
          .describe('The signed checkpoint note with the witness’s cosignature line'),
        response: {
          201: z.object({
            size: z.number().int().describe('Size of the cosigned checkpoint'),
            witnesses: z
              .array(z.string())
              .describe('Registered witnesses whose cosignatures were stored'),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await ledger.addCosignature(request.body)),
  );

  app.get(
    '/api/v1/applications/:id/ledger',
    {
      schema: {
        tags: ['applications', ...tags],
        summary: 'The ledger entries recorded for one application (only for those who may see it)',
        params: z.object({ id: z.string().min(1).max(64).describe('Application id') }),
        response: { 200: ApplicationLedgerSchema, ...errors },
      },
    },
    async (request) => {
      const { receiptNo } = await deps.applications.get(
        requirePrincipal(request),
        request.params.id,
      );
      const found = await ledger.entriesFor(receiptNo);
      return {
        receiptNo,
        entries: found.entries.map(presentOpened),
        pending: found.pending.map((p) => ({
          entry: Buffer.from(p.entry, 'utf8').toString('base64'),
          opened: openedBody(p.opened),
          createdAt: p.createdAt,
        })),
      };
    },
  );

  app.get(
    '/ledger/tile/*',
    {
      schema: {
        tags,
        summary:
          'C2SP tlog-tiles: a hash tile `tile/<L>/<N>[.p/<W>]` or entry bundle `tile/entries/<N>[.p/<W>]`',
        params: z.object({ '*': z.string().max(200).describe('The tile path after `tile/`') }),
      },
    },
    async (request, reply) => {
      const tile = await ledger.tile(`tile/${request.params['*']}`);
      // A tile's bytes never change; a partial one is replaced by wider ones as the tree grows.
      return reply
        .header(
          'cache-control',
          tile.full ? 'public, max-age=31536000, immutable' : 'public, max-age=60',
        )
        .header('access-control-allow-origin', '*')
        .type('application/octet-stream')
        .send(tile.bytes);
    },
  );
}
