import type { Kysely } from 'kysely';

import type { Database } from '../../schema.js';
import { dataHash, ledgerTime, type LedgerIndexCheck, type LedgerRecord } from '../ledger/index.js';
import { createAccessIndexRepo, type IndexedAccessRow } from './datahub.index.repo.js';

const PAGE = 1000;

/** The data the ledger entry of an access commits to, rebuilt from the row (as `record()` wrote it). */
export function accessData(row: Pick<IndexedAccessRow, 'id' | 'channel' | 'department' | 'items'>) {
  return {
    access: row.id,
    channel: row.channel,
    department: row.department,
    items: JSON.parse(row.items) as unknown,
  };
}

// The first column of the row that the committed record contradicts, if any.
function differs(row: IndexedAccessRow, record: LedgerRecord): string | undefined {
  if (record.subject !== row.subject_ref) return 'subject_ref';
  if (record.actor !== row.actor_account) return 'actor_account';
  if (record.actorRole !== row.actor_role) return 'actor_role';
  if (record.time !== ledgerTime(new Date(row.at))) return 'at';
  if (row.application_id !== null && row.receipt_no !== record.purpose) return 'application_id';
  return undefined;
}

/**
 * What `ledger verify` checks of the access log (我的数据使用记录): every access row, each
 * column the citizen's page shows or finds its entry by, against the committed record of its
 * ledger entry — the data hash is recomputed from the row's own columns, so an edited
 * `items`, `channel`, `department` or `data_hash` finds no entry and the row is named.
 */
export function accessIndexCheck(db: Kysely<Database>): LedgerIndexCheck {
  const repo = createAccessIndexRepo(db);
  return {
    name: 'datahub_accesses',
    async check(opened) {
      // Each purpose's records are read once for the whole check, not once per page of rows.
      const byPurpose = new Map<string, LedgerRecord[]>();
      for (let after = ''; ;) {
        const rows = await repo.accessesAfter(after, PAGE);
        for (const row of rows) {
          let records = byPurpose.get(row.purpose);
          if (!records) byPurpose.set(row.purpose, (records = await opened(row.purpose)));
          let hash: string | undefined;
          try {
            hash = dataHash(accessData(row));
          } catch {
            hash = undefined;
          }
          const candidates = records.filter(
            (r) => r.action === 'data.accessed' && r.dataHash === row.data_hash,
          );
          const column =
            hash !== row.data_hash
              ? 'items, channel, department or data_hash'
              : candidates.length === 0
                ? 'purpose or data_hash'
                : candidates.every((r) => differs(row, r))
                  ? differs(row, candidates[0]!)
                  : undefined;
          if (column) {
            return {
              kind: 'index-mismatch',
              row: `datahub_accesses/${row.id}`,
              column,
              message: {
                zh: `数据使用记录 ${row.id} 与账本中承诺的记录不符（${column}）`,
                en: `data access ${row.id} differs from the record its ledger entry commits to (${column})`,
              },
            };
          }
        }
        if (rows.length < PAGE) return undefined;
        after = rows[rows.length - 1]!.id;
      }
    },
  };
}
