import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api } from '../../../test/support/cases.js';
import { approveTask, submitApplication } from '../../../test/support/ledger.js';
import { findIdNumbers } from '../../platform/logging/index.js';
import { decodeEntryBundle, TILE_WIDTH } from './index.js';

// Everything the public ledger serves, read as an anonymous visitor after a citizen applied
// and took out e-proofs that name their family: no name, no identity number, no proof code,
// no receipt number and no value that links two entries of one person.

let app: TestApp;
const codes: string[] = [];
let receipts: string[] = [];
let firstId = '';

beforeAll(async () => {
  app = await createTestApp();
  const citizen = await app.login('citizen1');
  const first = await submitApplication(app, citizen);
  await approveTask(app, first.tasks[0]!);
  const second = await submitApplication(app, citizen);
  receipts = [first.receiptNo, second.receiptNo];
  firstId = first.id;
  for (const template of ['kinship', 'household', 'marital-status']) {
    const res = await api<{ code: string }>(app, citizen, 'POST', '/api/v1/me/proofs', {
      template,
    });
    expect(res.status).toBe(201);
    codes.push(res.body.code);
  }
  await app.services.ledger.checkpoint({ force: true });
});
afterAll(async () => app.cleanup());

async function get(url: string): Promise<{ status: number; text: string; bytes: Buffer }> {
  const res = await app.server.inject({ method: 'GET', url });
  return { status: res.statusCode, text: res.body, bytes: res.rawPayload };
}

describe('an anonymous crawl of the public ledger', () => {
  it('finds no person, no secret code and no link between one person’s entries', async () => {
    const crawled: string[] = [];
    const checkpoint = await get('/api/v1/ledger/checkpoint');
    expect(checkpoint.status).toBe(200);
    const size = Number(checkpoint.text.split('\n')[1]);
    expect(size).toBeGreaterThan(10);
    crawled.push(checkpoint.text);
    for (const url of [
      '/ledger/checkpoint',
      '/api/v1/ledger/key',
      '/.well-known/onetrip-ledger-key',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      crawled.push(res.text);
    }
    const leaves: string[] = [];
    for (let i = 0; i < size; i++) {
      const entry = await get(`/api/v1/ledger/entries/${i}`);
      expect(entry.status).toBe(200);
      crawled.push(entry.text);
      leaves.push(
        Buffer.from((JSON.parse(entry.text) as { entry: string }).entry, 'base64').toString('utf8'),
      );
      const proof = await get(`/api/v1/ledger/proofs/inclusion?index=${i}&treeSize=${size}`);
      expect(proof.status).toBe(200);
      crawled.push(proof.text);
      if (i > 0)
        crawled.push((await get(`/api/v1/ledger/proofs/consistency?from=${i}&to=${size}`)).text);
    }
    // The tiles an auditor mirrors: the entry bundle holds exactly the leaves served one by one.
    const partial = size % TILE_WIDTH;
    const bundle = await get(`/ledger/tile/entries/000${partial ? `.p/${partial}` : ''}`);
    expect(bundle.status).toBe(200);
    const bundled = decodeEntryBundle(bundle.bytes).map((b) => b.toString('utf8'));
    expect(bundled).toEqual(leaves);
    crawled.push(...bundled);
    const tile = await get(`/ledger/tile/0/000${partial ? `.p/${partial}` : ''}`);
    expect(tile.status).toBe(200);

    // Openings are not public.
    expect((await get('/api/v1/ledger/entries/0/opened')).status).toBe(401);

    const text = crawled.join('\n');
    const persons = await app.db.selectFrom('persons').select(['name', 'id_number']).execute();
    for (const p of persons) {
      expect(text).not.toContain(p.id_number);
      expect(text).not.toContain(p.name);
    }
    // Nor any other valid identity number (a relative's, say).
    expect(findIdNumbers(text)).toEqual([]);
    for (const code of codes) expect(text).not.toContain(code);
    for (const receipt of receipts) expect(text).not.toContain(receipt);
    const refs = await app.db.selectFrom('datahub_accesses').select('subject_ref').execute();
    for (const r of refs) expect(text).not.toContain(r.subject_ref);

    // Each leaf: a commitment, the kind and the time, and no commitment repeats.
    for (const leaf of leaves) {
      expect(Object.keys(JSON.parse(leaf) as object).sort()).toEqual([
        'commitment',
        'kind',
        'time',
      ]);
    }
    const commitments = leaves.map((l) => (JSON.parse(l) as { commitment: string }).commitment);
    expect(new Set(commitments).size).toBe(leaves.length);
  });

  it('checks an opening someone holds against the public leaf, and refuses a forged one', async () => {
    const citizen = await app.login('citizen1');
    const ledger = await api<{
      entries: {
        index: number;
        leafHash: string;
        opened: { record: Record<string, unknown>; salt: string };
      }[];
    }>(app, citizen, 'GET', `/api/v1/applications/${firstId}/ledger`);
    const entry = ledger.body.entries[0]!;
    const url = `/api/v1/ledger/entries/${entry.index}/opening`;
    const ok = await api<{ opens: boolean; leafHash: string }>(
      app,
      null,
      'POST',
      url,
      entry.opened,
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ opens: true, leafHash: entry.leafHash });
    for (const forged of [
      { ...entry.opened, record: { ...entry.opened.record, purpose: 'YCB2026120100009999' } },
      { ...entry.opened, salt: 'AAAAAAAAAAAAAAAAAAAAAA' },
    ]) {
      const refused = await api<{ error: { code: string } }>(app, null, 'POST', url, forged);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('LEDGER_OPENING_MISMATCH');
    }
    expect(app.logLines.some((l) => l.includes('ledger.opening-mismatch'))).toBe(true);
    const malformed = await api<{ error: { code: string } }>(app, null, 'POST', url, { salt: 1 });
    expect(malformed.status).toBe(422);
  });
});
