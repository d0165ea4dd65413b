import { useQuery } from '@tanstack/react-query';
import type { GuideMaterial } from '@contracts/catalog';
import type { DataConsent, MaterialEntry } from '@contracts/cases';
import type { DataPreview } from '@contracts/datahub';
import { apiPost, type ApiError } from '../../api';
import type { SubjectKind } from '../catalog';

/** The data preview, with when the applicant was shown it. */
export type ShownPreview = DataPreview & { previewedAt: string };

/**
 * What submitting will fetch about the signed-in applicant (POST /api/v1/datahub/preview).
 * Asked once per matter and visit: the server records each preview as the person's own access.
 */
export function useDataPreview(kind: SubjectKind, code: string, enabled: boolean) {
  return useQuery<ShownPreview, ApiError>({
    queryKey: ['datahub-preview', kind, code],
    queryFn: async () => ({
      ...(await apiPost<DataPreview>('/api/v1/datahub/preview', { [kind]: code })),
      previewedAt: new Date().toISOString(),
    }),
    enabled,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * The materials the data hub fetches on submission: those it can satisfy that the
 * submission gives no file or commitment for (the server's rule, so the list is the truth).
 */
export function fetchedMaterials(
  materials: GuideMaterial[],
  entries: MaterialEntry[],
): GuideMaterial[] {
  const given = new Set(entries.map((e) => e.material));
  return materials.filter(
    (m) => m.satisfiedBy.includes('datahub') && m.datahub && !given.has(m.id),
  );
}

/** The `consent` of a submission for the materials shown, with the fields the preview listed. */
export function consentFor(
  fetched: GuideMaterial[],
  preview: ShownPreview | undefined,
): DataConsent {
  return {
    fetch: true,
    ...(preview ? { previewedAt: preview.previewedAt } : {}),
    items: fetched.flatMap((m) => {
      if (!m.datahub) return [];
      const shown = preview?.items.find((i) => i.material === m.id);
      return [
        {
          material: m.id,
          source: m.datahub.source,
          item: m.datahub.item,
          ...(shown && shown.fields.length > 0 ? { fields: shown.fields.map((f) => f.name) } : {}),
        },
      ];
    }),
  };
}
