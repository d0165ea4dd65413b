import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import {
  appendBulk,
  approveTask,
  injectFetch,
  submitApplication,
} from '../../../test/support/ledger.js';
import {
  auditLog,
  commitmentOf,
  cosignatureVerifier,
  dataHash,
  decodeEntryBundle,
  ed25519Verifier,
  generateEd25519Key,
  generateWitnessKey,
  httpLogReader,
  leafEntry,
  leafHash,
  merkleRoot,
  openCheckpoint,
  openNote,
  signCheckpoint,
  ed25519Signer,
  subjectRef,
  tileHashes,
  verifyConsistency,
  verifyInclusion,
  witnessOnce,
  type LedgerRecord,
} from './index.js';

let app: TestApp;
let citizen: string;
const CITIZEN_ID_NUMBER = '330681199003071233'; // citizen1 of the demo seed

beforeAll(async () => {
  app = await createTestApp();
  citizen = await app.login('citizen1');
});
afterAll(async () => app.cleanup());

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function logKey() {
  const res = await app.server.inject({ url: '/api/v1/ledger/key' });
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return res.body;
}

async function latest() {
  const res = await app.server.inject({ url: '/api/v1/ledger/checkpoint' });
  expect(res.statusCode).toBe(200);
  const { origin } = await app.services.ledger.verifierKey();
  return {
    note: res.body,
    ...openCheckpoint(res.body, [ed25519Verifier(await logKey())], { origin }).checkpoint,
  };
}

async function entryLeaf(index: number): Promise<Buffer> {
  const res = await app.server.inject({ url: `/api/v1/ledger/entries/${index}` });
  expect(res.statusCode).toBe(200);
  const body = res.json<{ entry: string; leafHash: string }>();
  const leaf = leafHash(Buffer.from(body.entry, 'base64'));
  expect(leaf.toString('base64')).toBe(body.leafHash);
  return leaf;
}

describe('the ledger records case actions', () => {
  it('appends one entry per case action in the same transaction, with no personal data in it', async () => {
    const submitted = await submitApplication(app, citizen);
    expect(submitted.status).toBe('accepted');
    await approveTask(app, submitted.tasks[0]!);

    const before = await app.server.inject({
      url: `/api/v1/applications/${submitted.id}/ledger`,
      headers: auth(citizen),
    });
    expect(before.statusCode).toBe(200);
    const pendingView = before.json<{
      entries: unknown[];
      pending: { opened: { record: { type: string; action: string } } }[];
    }>();
    expect(pendingView.entries).toEqual([]);

    await app.services.ledger.checkpoint({ force: true });
    const res = await app.server.inject({
      url: `/api/v1/applications/${submitted.id}/ledger`,
      headers: auth(citizen),
    });
    const view = res.json<{
      receiptNo: string;
      entries: {
        index: number;
        entry: string;
        record: { commitment: string; kind: string; time: string };
        opened: {
          salt: string;
          record: {
            type: string;
            time: string;
            action: string;
            subject: string;
            purpose: string;
            dataHash: string;
          };
        };
      }[];
      pending: unknown[];
    }>();
    expect(view.pending).toEqual([]);
    expect(view.receiptNo).toBe(submitted.receiptNo);

    const application = (
      await app.server.inject({
        url: `/api/v1/applications/${submitted.id}`,
        headers: auth(citizen),
      })
    ).json<{
      actions: {
        seq: number;
        type: string;
        taskId: string | null;
        data: Record<string, unknown>;
      }[];
    }>();
    // Other modules (the data hub) record their accesses for the application too.
    const caseEntries = view.entries.filter((e) => e.opened.record.type === 'case');
    const history = application.actions.map((a) => `case.${a.type}`);
    expect(caseEntries.map((e) => e.opened.record.action)).toEqual(history);
    expect(
      pendingView.pending
        .filter((p) => p.opened.record.type === 'case')
        .map((p) => p.opened.record.action),
    ).toEqual(history);
    application.actions.forEach((a, i) => {
      const entry = caseEntries[i]!;
      const { record } = entry.opened;
      expect(record.subject).toBe(subjectRef(app.config.secrets.hmac, CITIZEN_ID_NUMBER));
      // Anyone holding the case history can recompute the data commitment.
      expect(record.dataHash).toBe(
        dataHash({ applicationId: submitted.id, seq: a.seq, taskId: a.taskId, ...a.data }),
      );
    });
    for (const entry of view.entries) {
      const { record, salt } = entry.opened;
      expect(record.purpose).toBe(submitted.receiptNo);
      // The public leaf is the commitment to the opened record, its kind and its time: no
      // subject, no receipt number, no action.
      const leaf = Buffer.from(entry.entry, 'base64').toString('utf8');
      expect(leaf).toBe(leafEntry({ record: record as LedgerRecord, salt }));
      expect(entry.record).toEqual({
        commitment: commitmentOf(record as LedgerRecord, salt),
        kind: record.type,
        time: record.time,
      });
      for (const secret of [CITIZEN_ID_NUMBER, record.subject, record.purpose, record.action])
        expect(leaf).not.toContain(secret);
    }
  });

  it('shows an application’s entries only to those who may see the application', async () => {
    const submitted = await submitApplication(app, citizen);
    const other = await app.login('citizen2');
    const denied = await app.server.inject({
      url: `/api/v1/applications/${submitted.id}/ledger`,
      headers: auth(other),
    });
    expect(denied.statusCode).toBe(404);
    const anonymous = await app.server.inject({
      url: `/api/v1/applications/${submitted.id}/ledger`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('keeps nothing of a transaction that rolls back', async () => {
    const { pending } = await app.services.ledger.status();
    await expect(
      app.db.transaction().execute(async (tx) => {
        await app.services.ledger.append(tx, {
          type: 'case',
          action: 'case.test',
          actor: 'system',
          purpose: 'ROLLBACK',
          subjectIdNumber: null,
          data: {},
          at: app.clock.now(),
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await app.services.ledger.status()).pending).toBe(pending);
  });
});

describe('proofs over HTTP', () => {
  it('proves every entry’s inclusion in the signed tree and every size’s consistency', async () => {
    await submitApplication(app, citizen);
    await app.services.ledger.checkpoint({ force: true });
    const first = await latest();
    const leaves: Buffer[] = [];
    for (let i = 0; i < first.size; i++) leaves.push(await entryLeaf(i));
    expect(merkleRoot(leaves).equals(first.rootHash)).toBe(true);
    for (let i = 0; i < first.size; i++) {
      const res = await app.server.inject({
        url: `/api/v1/ledger/proofs/inclusion?index=${i}&treeSize=${first.size}`,
      });
      const proof = res.json<{ hashes: string[] }>().hashes.map((h) => Buffer.from(h, 'base64'));
      expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(first.size)));
      verifyInclusion(i, first.size, leaves[i]!, proof, first.rootHash);
    }

    const more = await submitApplication(app, citizen);
    await approveTask(app, more.tasks[0]!);
    await app.services.ledger.checkpoint({ force: true });
    const second = await latest();
    expect(second.size).toBeGreaterThan(first.size);
    for (let i = first.size; i < second.size; i++) leaves.push(await entryLeaf(i));
    for (let from = 1; from <= second.size; from++) {
      const res = await app.server.inject({
        url: `/api/v1/ledger/proofs/consistency?from=${from}&to=${second.size}`,
      });
      expect(res.statusCode).toBe(200);
      const proof = res.json<{ hashes: string[] }>().hashes.map((h) => Buffer.from(h, 'base64'));
      verifyConsistency(
        from,
        second.size,
        merkleRoot(leaves.slice(0, from)),
        second.rootHash,
        proof,
      );
    }
  });

  it('answers malformed and out-of-range requests with 4xx and the error body, never 500', async () => {
    const { size } = await app.services.ledger.status();
    const cases: [string, number][] = [
      ['/api/v1/ledger/proofs/inclusion?index=-1&treeSize=2', 422],
      ['/api/v1/ledger/proofs/inclusion?index=abc&treeSize=2', 422],
      ['/api/v1/ledger/proofs/inclusion?index=&treeSize=2', 422],
      ['/api/v1/ledger/proofs/inclusion?index=1.5&treeSize=2', 422],
      ['/api/v1/ledger/proofs/inclusion?index=01&treeSize=2', 422],
      ['/api/v1/ledger/proofs/inclusion?index=1e3&treeSize=2000', 422],
      ['/api/v1/ledger/proofs/inclusion?index=99999999999999999999&treeSize=2', 422],
      ['/api/v1/ledger/proofs/inclusion?treeSize=2', 422],
      ['/api/v1/ledger/proofs/inclusion?index=2&treeSize=2', 422],
      ['/api/v1/ledger/proofs/inclusion?index=0&treeSize=0', 422],
      [`/api/v1/ledger/proofs/inclusion?index=0&treeSize=${size + 1}`, 422],
      ['/api/v1/ledger/proofs/consistency?from=0&to=2', 422],
      ['/api/v1/ledger/proofs/consistency?from=3&to=2', 422],
      [`/api/v1/ledger/proofs/consistency?from=1&to=${size + 1}`, 422],
      ['/api/v1/ledger/proofs/consistency?from=1', 422],
      ['/api/v1/ledger/entries/abc', 422],
      ['/api/v1/ledger/entries/-1', 422],
      [`/api/v1/ledger/entries/${size + 5}`, 404],
      ['/ledger/tile/0/001', 404],
      ['/ledger/tile/0/0', 404],
      ['/ledger/tile/0/000.p/256', 404],
      ['/ledger/tile/entries/x000/000', 404],
      ['/ledger/tile/entries/..%2F000', 404],
      [`/ledger/tile/0/000.p/${size + 1}`, 404],
    ];
    for (const [url, status] of cases) {
      const res = await app.server.inject({ url });
      expect(res.statusCode, url).toBe(status);
      expect(res.json<{ error: { code: string } }>().error.code, url).toMatch(/^[A-Z_]+$/);
    }
  });
});

describe('C2SP tlog-tiles', () => {
  it('serves tiles and entry bundles from which a mirror rebuilds the signed root', async () => {
    // A full tile needs 256 entries.
    await appendBulk(app, 300);
    await app.services.ledger.checkpoint({ force: true });
    const cp = await latest();
    const plain = await app.server.inject({ url: '/ledger/checkpoint' });
    expect(plain.body).toBe(cp.note);

    const full = await app.server.inject({ url: '/ledger/tile/0/000' });
    expect(full.statusCode).toBe(200);
    expect(full.headers['cache-control']).toContain('immutable');
    const partialWidth = cp.size - 256;
    const partial = await app.server.inject({ url: `/ledger/tile/0/001.p/${partialWidth}` });
    expect(partial.headers['cache-control']).not.toContain('immutable');
    const leaves = [
      ...tileHashes(full.rawPayload, 256),
      ...tileHashes(partial.rawPayload, partialWidth),
    ];
    expect(merkleRoot(leaves).equals(cp.rootHash)).toBe(true);

    const bundle = await app.server.inject({ url: '/ledger/tile/entries/000' });
    const entries = decodeEntryBundle(bundle.rawPayload);
    expect(entries.map((e) => leafHash(e).toString('hex'))).toEqual(
      leaves.slice(0, 256).map((l) => l.toString('hex')),
    );
    const level1 = await app.server.inject({ url: '/ledger/tile/1/000.p/1' });
    expect(level1.rawPayload.equals(merkleRoot(leaves.slice(0, 256)))).toBe(true);
  });
});

describe('witnesses', () => {
  it('cosign after checking consistency with the last checkpoint they saw, and refuse a fork', async () => {
    const witness = generateWitnessKey('audit.jiaxing.example/witness');
    await app.services.ledger.addWitness(witness.verifierKey);
    const reader = httpLogReader('http://platform.test', injectFetch(app));

    const first = await witnessOnce({ reader, signerKey: witness.signerKey, clock: app.clock });
    expect(first.previousSize).toBeNull();
    const signed = await latest();
    expect(signed.size).toBe(first.state.size);
    expect(
      openNote(signed.note, [cosignatureVerifier(witness.verifierKey)]).verified.map((s) => s.name),
    ).toEqual(['audit.jiaxing.example/witness']);

    await submitApplication(app, citizen);
    await app.services.ledger.checkpoint({ force: true });
    const second = await witnessOnce({
      reader,
      signerKey: witness.signerKey,
      clock: app.clock,
      state: first.state,
    });
    expect(second.previousSize).toBe(first.state.size);
    expect(second.state.size).toBeGreaterThan(first.state.size);

    const fork = { ...second.state, root: Buffer.alloc(32, 7).toString('base64') };
    await expect(
      witnessOnce({ reader, signerKey: witness.signerKey, clock: app.clock, state: fork }),
    ).rejects.toThrow(/second root/);
    const forkedPast = { ...first.state, root: Buffer.alloc(32, 7).toString('base64') };
    await submitApplication(app, citizen);
    await app.services.ledger.checkpoint({ force: true });
    await expect(
      witnessOnce({ reader, signerKey: witness.signerKey, clock: app.clock, state: forkedPast }),
    ).rejects.toThrow(/old root/);
    const impostorKey = generateEd25519Key('platform.test/ledger').verifierKey;
    await expect(
      witnessOnce({ reader, signerKey: witness.signerKey, clock: app.clock, logKey: impostorKey }),
    ).rejects.toThrow();

    const report = await app.services.ledger.verify();
    expect(report.problem).toBeNull();
    expect(report.cosignaturesChecked).toBeGreaterThanOrEqual(2);
  });

  it('refuses cosignatures from unregistered witnesses and notes the log did not sign', async () => {
    const stranger = generateWitnessKey('stranger.example/witness');
    const reader = httpLogReader('http://platform.test', injectFetch(app));
    await expect(
      witnessOnce({ reader, signerKey: stranger.signerKey, clock: app.clock }),
    ).rejects.toThrow(/422: LEDGER_WITNESS_UNKNOWN/);

    const { origin } = await app.services.ledger.verifierKey();
    const forger = ed25519Signer(generateEd25519Key(origin).signerKey);
    const forged = await signCheckpoint(
      { origin, size: 1, rootHash: Buffer.alloc(32), extensions: [] },
      [forger],
    );
    const res = await app.server.inject({
      method: 'POST',
      url: '/api/v1/ledger/cosignatures',
      headers: { 'content-type': 'text/plain' },
      payload: forged,
    });
    expect(res.statusCode).toBe(422);
    const garbage = await app.server.inject({
      method: 'POST',
      url: '/api/v1/ledger/cosignatures',
      headers: { 'content-type': 'text/plain' },
      payload: 'not a note',
    });
    expect(garbage.statusCode).toBe(400);
  });
});

describe('audit', () => {
  it('proves the current log extends an earlier checkpoint, and rejects one the log did not sign', async () => {
    const earlier = (await latest()).note;
    await submitApplication(app, citizen);
    await app.services.ledger.checkpoint({ force: true });
    const report = await auditLog(app.services.ledger.reader(), earlier);
    expect(report.ok).toBe(true);
    expect(report.to!.size).toBeGreaterThan(report.from.size);
    const overHttp = await auditLog(
      httpLogReader('http://platform.test', injectFetch(app)),
      earlier,
    );
    expect(overHttp).toEqual(report);

    const { origin } = await app.services.ledger.verifierKey();
    const forger = ed25519Signer(generateEd25519Key(origin).signerKey);
    const forged = await signCheckpoint(
      { origin, size: 2, rootHash: Buffer.alloc(32, 1), extensions: [] },
      [forger],
    );
    const refused = await auditLog(app.services.ledger.reader(), forged);
    expect(refused.ok).toBe(false);
    expect(refused.problem?.en).toMatch(/not signed by the log key/);
  });
});
