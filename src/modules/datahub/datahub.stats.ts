/** A guide as the count needs it (matter or bundle). */
export interface StatsGuide {
  code: string;
  name: { zh: string; en: string };
  materials: { id: string; satisfiedBy: string[] }[];
  provided: { id: string }[];
}

/** How many materials of one guide are no longer asked for (无证明). */
export interface GuideNoProof {
  code: string;
  name: { zh: string; en: string };
  /** Materials the guide needs: those listed plus those produced inside the bundle. */
  materials: number;
  /** Satisfied by the data hub (shared data): nothing to hand in. */
  byDatahub: number;
  /** Produced by an earlier step of the bundle (`provided`). */
  byBundle: number;
  noLongerAsked: number;
}

function count(g: StatsGuide): GuideNoProof {
  const byDatahub = g.materials.filter((m) => m.satisfiedBy.includes('datahub')).length;
  const byBundle = g.provided.length;
  return {
    code: g.code,
    name: g.name,
    materials: g.materials.length + byBundle,
    byDatahub,
    byBundle,
    noLongerAsked: byDatahub + byBundle,
  };
}

function total(rows: GuideNoProof[]) {
  const sum = (k: 'materials' | 'byDatahub' | 'byBundle' | 'noLongerAsked') =>
    rows.reduce((n, r) => n + r[k], 0);
  const materials = sum('materials');
  const noLongerAsked = sum('noLongerAsked');
  return {
    guides: rows.length,
    materials,
    byDatahub: sum('byDatahub'),
    byBundle: sum('byBundle'),
    noLongerAsked,
    share: materials === 0 ? 0 : noLongerAsked / materials,
  };
}

/** The 无证明 count: per matter, per bundle, and overall, computed from the catalog. Throws nothing. */
export function noProofStats(guides: { matters: StatsGuide[]; bundles: StatsGuide[] }) {
  const matters = guides.matters.map(count);
  const bundles = guides.bundles.map(count);
  return { matters, bundles, overall: { matters: total(matters), bundles: total(bundles) } };
}
