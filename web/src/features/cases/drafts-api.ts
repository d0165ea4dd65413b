import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GuideMaterial } from '@contracts/catalog';
import type { Draft, DraftInput } from '@contracts/cases';
import { apiDelete, apiGet, apiPut, type ApiError } from '../../api';
import type { SubjectKind } from '../catalog';

export type { Draft } from '@contracts/cases';

/** How one material stands in a wizard: the chosen way and what was given for it. */
export interface MaterialChoice {
  material: string;
  way: 'upload' | 'commitment' | 'later' | 'datahub' | 'credential' | 'none';
  fileId?: string;
  fileName?: string;
  fileSize?: number;
  mediaType?: string;
  /** The commitment (告知承诺) was ticked. */
  agreed?: boolean;
  /** 容缺: when the material will be handed in (YYYY-MM-DD). */
  dueDate?: string;
}

/** The draft key of a subject: one draft per matter or bundle and account. */
export function draftKey(kind: SubjectKind, code: string): string {
  return `${kind}-${code}`;
}

const DRAFTS_KEY = ['drafts'] as const;

/** The account's drafts, newest first. */
export function useDrafts(enabled = true) {
  return useQuery<Draft[], ApiError>({
    queryKey: DRAFTS_KEY,
    queryFn: async ({ signal }) => {
      const { items } = await apiGet<{ items: Draft[] }>('/api/v1/drafts', signal);
      return [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    enabled,
  });
}

/** Saves (creates or replaces) a draft. */
export function useSaveDraft() {
  const client = useQueryClient();
  return useMutation<Draft, ApiError, DraftInput & { key: string }>({
    mutationFn: ({ key, ...body }) =>
      apiPut<Draft>(`/api/v1/drafts/${encodeURIComponent(key)}`, body),
    onSuccess: (saved) => {
      client.setQueryData<Draft[]>(DRAFTS_KEY, (list) => [
        saved,
        ...(list ?? []).filter((d) => d.key !== saved.key),
      ]);
    },
  });
}

/** Deletes a draft (after submitting, or when starting over). */
export function useDeleteDraft() {
  const client = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (key) => apiDelete(`/api/v1/drafts/${encodeURIComponent(key)}`),
    onSuccess: (_, key) => {
      client.setQueryData<Draft[]>(DRAFTS_KEY, (list) => (list ?? []).filter((d) => d.key !== key));
    },
  });
}

/** What a stored file is called and weighs, from a HEAD of `GET /api/v1/files/{id}`. */
export async function fetchFileInfo(
  fileId: string,
): Promise<Pick<MaterialChoice, 'fileName' | 'fileSize' | 'mediaType'>> {
  try {
    const response = await fetch(`/api/v1/files/${encodeURIComponent(fileId)}`, {
      method: 'HEAD',
      credentials: 'include',
    });
    if (!response.ok) return {};
    const disposition = response.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    const size = Number(response.headers.get('content-length'));
    return {
      ...(encoded ? { fileName: decodeURIComponent(encoded) } : {}),
      ...(Number.isFinite(size) && size > 0 ? { fileSize: size } : {}),
      mediaType: response.headers.get('content-type') ?? '',
    };
  } catch {
    return {};
  }
}

/**
 * The wizard's choices from a draft's materials: a file is an upload (named by a HEAD of the
 * file), a commitment with a due date is 容缺, any other commitment the signed statement.
 */
export async function choicesFromDraft(
  materials: GuideMaterial[],
  draft: Draft,
): Promise<Record<string, MaterialChoice>> {
  const entries = await Promise.all(
    draft.materials.map(async (entry): Promise<[string, MaterialChoice] | null> => {
      const m = materials.find((x) => x.id === entry.material);
      if (!m) return null;
      if (entry.fileId) {
        const info = await fetchFileInfo(entry.fileId);
        return [m.id, { material: m.id, way: 'upload', fileId: entry.fileId, ...info }];
      }
      if (entry.commitment?.dueDate) {
        return [m.id, { material: m.id, way: 'later', dueDate: entry.commitment.dueDate }];
      }
      if (entry.commitment) return [m.id, { material: m.id, way: 'commitment', agreed: true }];
      return null;
    }),
  );
  return Object.fromEntries(entries.filter((e): e is [string, MaterialChoice] => e !== null));
}
