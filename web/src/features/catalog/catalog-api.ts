import { useCallback } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ApplicantType,
  BundleGuide,
  BundleSummary,
  Department,
  LifeEvent,
  MatterGuide,
  MatterSummary,
} from '@contracts/catalog';
import { apiGet, type ApiError } from '../../api';
import { useBi } from './bilingual';

/** What an application is for: a matter (事项) or a bundle (一件事). */
export type SubjectKind = 'matter' | 'bundle';

/** A guide (办事指南) with its kind, so pages can treat matters and bundles alike. */
export type Guide =
  | ({ subject: 'matter' } & MatterGuide)
  | ({ subject: 'bundle' } & BundleGuide);

/** Filters of the matter search (`GET /api/v1/catalog/matters`). */
export interface MatterFilter {
  q?: string | undefined;
  department?: string | undefined;
  lifeEvent?: LifeEvent | undefined;
  applicantType?: ApplicantType | undefined;
}

// The catalog changes with a release, not within a visit.
const CATALOG_STALE_MS = 10 * 60_000;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Every department, for browsing and for naming departments by code. */
export function useDepartments() {
  return useQuery<Department[], ApiError>({
    queryKey: ['catalog', 'departments'],
    queryFn: async ({ signal }) =>
      (await apiGet<{ items: Department[] }>('/api/v1/catalog/departments', signal)).items,
    staleTime: CATALOG_STALE_MS,
  });
}

/** The name of a department by code in the current language (the code until the list loads). */
export function useDepartmentName(): (code: string | null | undefined) => string {
  const { data } = useDepartments();
  const bi = useBi();
  return useCallback(
    (code) => {
      if (!code) return '';
      const department = data?.find((d) => d.code === code);
      return department ? bi(department.name) : code;
    },
    [data, bi],
  );
}

/** Matters matching the filter, best match first; keeps the last answer while typing. */
export function useMatterSearch(filter: MatterFilter, enabled = true) {
  return useQuery<MatterSummary[], ApiError>({
    queryKey: ['catalog', 'matters', filter],
    queryFn: async ({ signal }) =>
      (
        await apiGet<{ items: MatterSummary[] }>(
          `/api/v1/catalog/matters${query({ ...filter })}`,
          signal,
        )
      ).items,
    staleTime: CATALOG_STALE_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Bundles (一件事) matching the words and life event. */
export function useBundleSearch(filter: { q?: string | undefined; lifeEvent?: LifeEvent | undefined }) {
  return useQuery<BundleSummary[], ApiError>({
    queryKey: ['catalog', 'bundles', filter],
    queryFn: async ({ signal }) =>
      (
        await apiGet<{ items: BundleSummary[] }>(
          `/api/v1/catalog/bundles${query({ ...filter })}`,
          signal,
        )
      ).items,
    staleTime: CATALOG_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

/** Fetches the guide of a matter or bundle; throws ApiError (404 for an unknown code). */
export async function fetchGuide(
  kind: SubjectKind,
  code: string,
  signal?: AbortSignal,
): Promise<Guide> {
  const path = `/api/v1/catalog/${kind === 'bundle' ? 'bundles' : 'matters'}/${encodeURIComponent(code)}`;
  if (kind === 'bundle') return { ...(await apiGet<BundleGuide>(path, signal)), subject: kind };
  return { ...(await apiGet<MatterGuide>(path, signal)), subject: kind };
}

/** The guide of a matter or bundle (disabled until a code is given). */
export function useGuide(kind: SubjectKind | undefined, code: string | undefined) {
  return useQuery<Guide, ApiError>({
    queryKey: ['catalog', 'guide', kind, code],
    queryFn: ({ signal }) => fetchGuide(kind ?? 'matter', code ?? '', signal),
    staleTime: CATALOG_STALE_MS,
    enabled: Boolean(kind && code),
  });
}
