import { useQuery } from '@tanstack/react-query';
import type { ApplicationLedger, InclusionProof } from '@contracts/ledger';
import { apiRequest } from '../../api';

/** The ledger entries of one application (refreshed while some are still pending). */
export function useApplicationLedger(applicationId: string) {
  return useQuery({
    queryKey: ['ledger', 'application', applicationId],
    queryFn: ({ signal }) =>
      apiRequest<ApplicationLedger>(`/api/v1/applications/${applicationId}/ledger`, { signal }),
    refetchInterval: (query) => ((query.state.data?.pending.length ?? 0) > 0 ? 3000 : false),
  });
}

/** Fetches what the browser needs to verify one entry itself: checkpoint, key and proof. */
export async function fetchVerificationMaterial(index: number) {
  const text = async (path: string) => {
    const res = await fetch(path, { credentials: 'include' });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.text();
  };
  const [checkpointNote, verifierKey] = await Promise.all([
    text('/api/v1/ledger/checkpoint'),
    text('/api/v1/ledger/key'),
  ]);
  const size = Number(checkpointNote.split('\n')[1]);
  const proof = await apiRequest<InclusionProof>(
    `/api/v1/ledger/proofs/inclusion?index=${index}&treeSize=${size}`,
  );
  return { checkpointNote, verifierKey, proof };
}
