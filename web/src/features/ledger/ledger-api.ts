import { useQuery } from '@tanstack/react-query';
import type { ApplicationLedger, InclusionProof } from '@contracts/ledger';
import { apiRequest } from '../../api';
import { pinnedLedgerKey } from './commitment';

/** The ledger entries of one application (refreshed while some are still pending). */
export function useApplicationLedger(applicationId: string) {
  return useQuery({
    queryKey: ['ledger', 'application', applicationId],
    queryFn: ({ signal }) =>
      apiRequest<ApplicationLedger>(`/api/v1/applications/${applicationId}/ledger`, { signal }),
    refetchInterval: (query) => ((query.state.data?.pending.length ?? 0) > 0 ? 3000 : false),
  });
}

/** The latest signed checkpoint note (public, no account). */
export async function fetchCheckpoint(): Promise<string> {
  const res = await fetch('/api/v1/ledger/checkpoint');
  if (!res.ok) throw new Error(`/api/v1/ledger/checkpoint: HTTP ${res.status}`);
  return res.text();
}

/** The inclusion proof of entry `index` in the tree of `treeSize` (public, no account). */
export async function fetchInclusion(index: number, treeSize: number): Promise<string[]> {
  const proof = await apiRequest<InclusionProof>(
    `/api/v1/ledger/proofs/inclusion?index=${index}&treeSize=${treeSize}`,
  );
  return proof.hashes;
}

/** What the browser needs to verify one entry itself: the checkpoint, the pinned key and the proof. */
export async function fetchVerificationMaterial(index: number) {
  const [checkpointNote, pinnedKey] = await Promise.all([fetchCheckpoint(), pinnedLedgerKey()]);
  const size = Number(checkpointNote.split('\n')[1]);
  return { checkpointNote, pinnedKey, proof: await fetchInclusion(index, size) };
}
