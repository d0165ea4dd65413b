import { useQuery } from '@tanstack/react-query';
import type { DataAccess } from '@contracts/datahub';
import {
  canonicalJson,
  ledgerTime,
  pinnedLedgerKey,
  proveOpened,
  sha256Base64,
} from '../ledger/commitment';
import { fetchCheckpoint, fetchInclusion } from '../ledger/ledger-api';

/** What the page says of one access row's place in the ledger. */
export type AccessProof =
  | { state: 'pending' }
  | { state: 'checking' }
  | { state: 'proven'; treeSize: number }
  | { state: 'failed'; why: string };

/**
 * The ledger record of an access rebuilt from the fields the page shows (time, channel, who,
 * items and fields, purpose) and the opening (actor, subject, salt): the data hash is the
 * service's `{ access, channel, department, items }` as it wrote them.
 */
export async function recordOfAccess(
  a: DataAccess,
  opening: NonNullable<DataAccess['ledger']['opening']>,
) {
  const codes = a.departments.map((d) => d.code);
  const items = a.items.map((i) => ({
    source: i.source,
    item: i.item,
    fields: i.fields,
    ...(i.namedInRecord && i.name ? { name: i.name } : {}),
  }));
  const data = {
    access: a.id,
    channel: a.channel,
    department: codes.length > 0 ? codes.join(',') : null,
    items,
  };
  return {
    type: 'datahub',
    time: ledgerTime(a.at),
    actor: opening.actor,
    actorRole: a.actorRole,
    subject: opening.subject,
    action: 'data.accessed',
    purpose: a.purpose,
    dataHash: await sha256Base64(canonicalJson(data)),
  };
}

/** The signed checkpoint and the pinned key, fetched once per page (public, separate answers). */
function useTrust() {
  return useQuery({
    queryKey: ['ledger', 'trust'],
    queryFn: async () => {
      const [checkpointNote, pinnedKey] = await Promise.all([fetchCheckpoint(), pinnedLedgerKey()]);
      return { checkpointNote, pinnedKey, size: Number(checkpointNote.split('\n')[1]) };
    },
    staleTime: 30_000,
  });
}

/** Proves one access row in the browser against the signed log; nothing is taken on the server's word. */
export function useAccessProof(a: DataAccess): AccessProof {
  const trust = useTrust();
  const opening = a.ledger.opening;
  const proof = useQuery({
    queryKey: ['ledger', 'access-proof', a.id, trust.data?.size],
    enabled: !!trust.data && !!opening,
    queryFn: async () => {
      const t = trust.data!;
      // In the log but not yet under a signed checkpoint: it joins within seconds.
      if (opening!.index >= t.size) return 'unsigned' as const;
      const hashes =
        a.ledger.proof && a.ledger.proof.treeSize === t.size
          ? a.ledger.proof.hashes
          : await fetchInclusion(opening!.index, t.size);
      return proveOpened({
        index: opening!.index,
        record: await recordOfAccess(a, opening!),
        salt: opening!.salt,
        proof: hashes,
        checkpointNote: t.checkpointNote,
        pinnedKey: t.pinnedKey,
      });
    },
    retry: false,
  });
  if (a.ledger.missing) return { state: 'failed', why: 'missing' };
  if (!opening) return { state: 'pending' };
  if (trust.error) return { state: 'failed', why: trust.error.message };
  if (proof.error) return { state: 'failed', why: proof.error.message };
  if (!proof.data) return { state: 'checking' };
  if (proof.data === 'unsigned') return { state: 'pending' };
  return proof.data.ok
    ? { state: 'proven', treeSize: proof.data.treeSize }
    : { state: 'failed', why: proof.data.failure };
}
