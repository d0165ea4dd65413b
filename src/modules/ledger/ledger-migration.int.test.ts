import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import * as m016 from '../../../migrations/20261207_016_ledger_commitments.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createSecretBox } from '../../platform/crypto/index.js';
import {
  buildRecord,
  canonicalJson,
  createLedgerService,
  ed25519Signer,
  entryLeafHash,
  extendTree,
  frontierRoot,
  generateEd25519Key,
  openingProblem,
  signCheckpoint,
} from './index.js';

// A log written before entries were commitments (its leaves carry subject and purpose) is
// retired by migration 016: its last checkpoint and key are kept, its entries re-committed,
// oldest first, into a new log under a new origin that verifies.

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ demo: false });
});
afterAll(async () => app.cleanup());

const ORIGIN = 'migrate.test/ledger';
const box = () => createSecretBox(app.config.secrets.session, 'ledger-key');

describe('migration 016 (ledger commitments)', () => {
  it('re-commits an old log under a new origin, keeping its bytes as the content', async () => {
    const db = app.db as unknown as import('kysely').Kysely<
      Record<string, Record<string, unknown>>
    >;
    for (const t of [
      'ledger_pending',
      'ledger_entries',
      'ledger_nodes',
      'ledger_checkpoints',
      'ledger_keys',
    ])
      await db.deleteFrom(t).execute();
    await m016.down(app.db as never);

    // The old log: five entries (the leaf was the record's canonical JSON), signed at size 5,
    // and one entry still pending.
    const old = Array.from({ length: 6 }, (_, i) =>
      canonicalJson(
        buildRecord(
          {
            type: 'case',
            action: `case.step-${i}`,
            actor: 'acct-1',
            purpose: `YCB20261201000000${10 + i}`,
            subjectIdNumber: '330681199003071233',
            data: { i },
            at: new Date(Date.UTC(2026, 11, 1, 2, 0, i)),
          },
          app.config.secrets.hmac,
        ).record,
      ),
    );
    const leaves = old.slice(0, 5).map((e) => entryLeafHash(e));
    const grown = extendTree({ size: 0, peaks: [] }, leaves);
    const key = generateEd25519Key(ORIGIN);
    const note = await signCheckpoint(
      { origin: ORIGIN, size: 5, rootHash: frontierRoot(grown.frontier), extensions: [] },
      [ed25519Signer(key.signerKey)],
    );
    const at = '2026-12-01T02:00:00.000Z';
    await db
      .insertInto('ledger_entries')
      .values(
        old.slice(0, 5).map((entry, idx) => ({
          idx,
          entry,
          leaf_hash: leaves[idx],
          purpose: (JSON.parse(entry) as { purpose: string }).purpose,
          created_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('ledger_nodes')
      .values(grown.nodes.map((n) => ({ level: n.level, idx: n.index, hash: n.hash })))
      .execute();
    await db.updateTable('ledger_head').set({ size: 5 }).execute();
    await db
      .insertInto('ledger_checkpoints')
      .values({ size: 5, root: frontierRoot(grown.frontier), note, created_at: at })
      .execute();
    await db
      .insertInto('ledger_keys')
      .values({
        name: ORIGIN,
        signer_key: box().seal(key.signerKey),
        verifier_key: key.verifierKey,
        created_at: at,
      })
      .execute();
    await db
      .insertInto('ledger_pending')
      .values({ entry: old[5], purpose: 'YCB2026120100000015', created_at: at })
      .execute();

    await m016.up(app.db as never);

    const retired = await db.selectFrom('ledger_retired').selectAll().execute();
    expect(retired).toMatchObject([{ origin: ORIGIN, verifier_key: key.verifierKey, note }]);
    expect(
      Number((await db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow()).size),
    ).toBe(0);

    const ledger = createLedgerService({
      db: app.db,
      dialect: app.dialect,
      clock: app.clock,
      hmacSecret: app.config.secrets.hmac,
      secretBox: box(),
      origin: ORIGIN,
      logger: { info() {}, warn() {}, error() {} },
    });
    const checkpoint = await ledger.checkpoint({ force: true });
    expect(checkpoint.size).toBe(6);
    expect((await ledger.verifierKey()).origin).toBe(`${ORIGIN}/v2`);
    expect(await ledger.verify()).toMatchObject({ ok: true, size: 6 });
    const rows = await app.db.selectFrom('ledger_entries').selectAll().orderBy('idx').execute();
    // Oldest first, the old bytes kept as the content, each leaf a commitment to them.
    expect(rows.map((r) => r.content)).toEqual(old);
    for (const r of rows) {
      expect(openingProblem(r.entry, r.content, r.salt)).toBeUndefined();
      // The public leaf holds only the commitment, the kind and the time: no purpose, no subject.
      // (A substring check on the random base64 commitment would fail by chance now and then.)
      const leaf = JSON.parse(r.entry) as Record<string, string>;
      expect(Object.keys(leaf).sort()).toEqual(['commitment', 'kind', 'time']);
      const opened = JSON.parse(r.content) as { subject: string; purpose: string };
      expect(r.entry).not.toContain(opened.purpose);
      expect(r.entry).not.toContain(opened.subject);
    }
  });
});
