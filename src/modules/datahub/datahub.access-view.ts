import type { Principal } from '../../platform/http/index.js';
import { DatahubErrors } from './datahub.errors.js';
import { findItem } from './datahub.items.js';
import type { AccessRow } from './datahub.repo.js';
import type { DatahubDeps, PendingAccess } from './datahub.service.js';

/** The person's view of who read their data (我的数据被谁用了), with ledger inclusion proofs. */
export function createAccessView(
  deps: Pick<DatahubDeps, 'repo' | 'ledger' | 'registry' | 'subjectRef' | 'departmentName'>,
) {
  const { repo, ledger } = deps;
  async function present(
    r: AccessRow,
    found: Awaited<ReturnType<typeof ledger.entriesFor>>,
    checkpoint: { size: number; root: Buffer } | undefined,
  ) {
    const { entries } = found;
    const matches = (record: { dataHash: string; action: string }) =>
      record.dataHash === r.data_hash && record.action === 'data.accessed';
    const treeSize = checkpoint?.size ?? 0;
    const entry = entries.find((e) => matches(e.opened.record));
    // No entry in the log nor waiting to join it: the row was not written with its entry.
    const missing = !entry && !found.pending.some((p) => matches(p.opened.record));
    const proof =
      entry && entry.index < treeSize
        ? await ledger.inclusionProof(entry.index, treeSize).then((pr) => ({
            index: pr.index,
            treeSize: pr.treeSize,
            hashes: pr.hashes.map((h) => h.toString('base64')),
            leafHash: entry.leafHash.toString('base64'),
            root: checkpoint!.root.toString('base64'),
          }))
        : null;
    const items = JSON.parse(r.items) as PendingAccess['items'];
    return {
      id: r.id,
      at: r.at,
      channel: r.channel as PendingAccess['channel'],
      departments: (r.department ?? '')
        .split(',')
        .filter(Boolean)
        .map((code) => ({ code, name: deps.departmentName?.(code) ?? code })),
      actorRole: r.actor_role,
      items: items.map((i) => ({
        ...i,
        name: findItem(i.source, i.item)?.name ?? i.name ?? null,
        namedInRecord: i.name !== undefined,
      })),
      applicationId: r.application_id,
      purpose: r.purpose,
      ledger: {
        sequenced: proof !== null,
        missing,
        proof,
        // What the page needs, beside the fields it shows, to recompute the entry's commitment.
        opening: entry
          ? {
              index: entry.index,
              actor: entry.opened.record.actor,
              subject: entry.opened.record.subject,
              salt: entry.opened.salt,
            }
          : null,
      },
    };
  }

  return {
    /**
     * Every access to my data (as a person, and as the company I represent), newest first,
     * each with its ledger inclusion proof once sequenced into a checkpoint.
     */
    async myAccesses(p: Principal, limit = 200) {
      const keys: string[] = [];
      if (p.personId) {
        const id = (await deps.registry.personById(p.personId))?.id_number;
        if (id) keys.push(id);
      }
      if (p.organizationId) {
        const code = (await deps.registry.organizationById(p.organizationId))?.credit_code;
        if (code) keys.push(code);
      }
      const rows = await repo.accessesOf(
        keys.map((k) => deps.subjectRef(k)),
        limit,
      );
      const checkpoint = rows.length > 0 ? await ledger.latestCheckpoint() : undefined;
      const entries = new Map<string, Awaited<ReturnType<typeof ledger.entriesFor>>>();
      for (const purpose of new Set(rows.map((r) => r.purpose)))
        entries.set(purpose, await ledger.entriesFor(purpose));
      return Promise.all(
        rows.map(async (r) =>
          present(r, entries.get(r.purpose) ?? { entries: [], pending: [] }, checkpoint),
        ),
      );
    },

    /** One access of mine; 404 DATAHUB_ACCESS_NOT_FOUND for someone else's. */
    async myAccess(p: Principal, id: string): Promise<AccessRow> {
      const row = await repo.access(id);
      const keys: string[] = [];
      if (p.personId) keys.push((await deps.registry.personById(p.personId))?.id_number ?? '');
      if (p.organizationId)
        keys.push((await deps.registry.organizationById(p.organizationId))?.credit_code ?? '');
      if (
        !row ||
        !keys
          .filter(Boolean)
          .map((k) => deps.subjectRef(k))
          .includes(row.subject_ref)
      )
        throw DatahubErrors.accessNotFound();
      return row;
    },
  };
}
