import type {
  ApplicantType,
  BundleGuide,
  BundleSummary,
  Department,
  LifeEvent,
  MatterGuide,
  MatterSummary,
  Output,
} from '../../../shared/contracts/catalog.js';
import type { Guides } from './catalog.guides.js';
import type { CatalogIndex } from './catalog.types.js';

/** Filters of {@link Catalog.searchMatters}; all optional, all must hold. */
export interface MatterQuery {
  /** Words to find (case-insensitive substring) in names, keywords and pinyin initials. */
  q?: string | undefined;
  /** A department code; its sub-departments' matters are included. */
  department?: string | undefined;
  lifeEvent?: LifeEvent | undefined;
  applicantType?: ApplicantType | undefined;
}

/** Filters of {@link Catalog.searchBundles}. */
export interface BundleQuery {
  q?: string | undefined;
  lifeEvent?: LifeEvent | undefined;
}

/** Counts of what the catalog holds, for `onetrip catalog validate` and dashboards. */
export interface CatalogStats {
  departments: number;
  matters: number;
  bundles: number;
  materials: number;
  credentialTypes: number;
  /** Matters a department applies for (部门间办事, Lishui). */
  interDepartmentMatters: number;
  /** Matters offered at overseas service points (Wenzhou 全球通). */
  overseasMatters: number;
}

/**
 * A material the YAML fetches from the data hub whose source the hub does not connect: it is
 * asked from the applicant and does not count in 无证明 (listed by `onetrip catalog validate`).
 */
export interface UnconnectedMaterial {
  material: string;
  name: { zh: string; en: string };
  source: string;
  item: string;
  /** The matters that need it, in file order. */
  matters: string[];
}

/** A credential type the catalog knows: what matters issue and materials accept. */
export type CredentialTypeInfo = Omit<Output, 'step'> & { issuer: string | null };

/** The loaded catalog: read-only, in memory, every guide computed at load. */
export interface Catalog {
  /** Every department, in file order. */
  readonly departments: readonly Department[];
  /** One department, or undefined. */
  department(code: string): Department | undefined;
  /** Every matter's summary, in file order. */
  readonly matters: readonly MatterSummary[];
  /** The guide of a matter, or undefined for an unknown code. */
  matter(code: string): MatterGuide | undefined;
  /** Every bundle's summary, in file order. */
  readonly bundles: readonly BundleSummary[];
  /** The guide of a bundle, or undefined for an unknown code. */
  bundle(code: string): BundleGuide | undefined;
  /** A credential type, or undefined. */
  credentialType(type: string): CredentialTypeInfo | undefined;
  /** Matters matching every given filter, best match first. */
  searchMatters(query?: MatterQuery): MatterSummary[];
  /** Bundles matching every given filter, best match first. */
  searchBundles(query?: BundleQuery): BundleSummary[];
  readonly stats: CatalogStats;
  /** Materials asked from the applicant because their data source is not connected. */
  readonly unconnected: readonly UnconnectedMaterial[];
}

/** How well `q` matches a list of weighted texts: the best weight of any that contains it. */
function score(q: string, texts: [string, number][]): number {
  let best = 0;
  for (const [text, weight] of texts) {
    const t = text.toLowerCase();
    if (t === q) best = Math.max(best, weight * 2);
    else if (t.includes(q)) best = Math.max(best, weight);
  }
  return best;
}

function rank<T>(items: T[], q: string | undefined, texts: (item: T) => [string, number][]): T[] {
  const needle = q?.trim().toLowerCase();
  if (!needle) return items;
  return items
    .map((item, i) => ({ item, i, s: score(needle, texts(item)) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.item);
}

function matterSummary(g: MatterGuide): MatterSummary {
  return {
    code: g.code,
    name: g.name,
    kind: g.kind,
    department: g.department,
    applicantTypes: g.applicantTypes,
    lifeEvents: g.lifeEvents,
    channels: g.channels,
    trips: g.trips,
    promisedLimit: g.promisedLimit,
    bundles: g.bundles,
  };
}

function bundleSummary(g: BundleGuide): BundleSummary {
  return {
    code: g.code,
    name: g.name,
    ...(g.description && { description: g.description }),
    applicantTypes: g.applicantTypes,
    lifeEvents: g.lifeEvents,
    departments: g.departments.map((d) => d.code),
    steps: g.steps.length,
    materials: g.materials.length,
    trips: g.trips,
    promisedLimit: g.promisedLimit,
  };
}

/** Builds the read-only catalog over checked entries and their computed guides. */
export function createCatalog(index: CatalogIndex, guides: Guides): Catalog {
  const departments: Department[] = [...index.departments.values()].map(({ value: d }) => ({
    code: d.code,
    name: d.name,
    parent: d.parent ?? null,
    kind: d.kind,
    contact: d.contact,
    ...(d.note !== undefined && { note: d.note }),
  }));
  const departmentByCode = new Map(departments.map((d) => [d.code, d]));
  const matterGuides = [...guides.matters.values()];
  const bundleGuides = [...guides.bundles.values()];
  const matterSummaries = matterGuides.map(matterSummary);
  const bundleSummaries = bundleGuides.map(bundleSummary);
  const summaryByCode = new Map(matterSummaries.map((s) => [s.code, s]));
  const bundleSummaryByCode = new Map(bundleSummaries.map((s) => [s.code, s]));

  // A matter is found by its own words and by those of every bundle it is a step of: whoever
  // searches 开公司 wants the seal and the bank account too.
  const matterTexts = new Map<string, [string, number][]>();
  for (const g of matterGuides) {
    const texts: [string, number][] = [
      [g.name.zh, 10],
      [g.name.en, 6],
      [g.code, 4],
      ...g.keywords.map((k): [string, number] => [k, 8]),
      [g.department.name.zh, 2],
      [g.department.name.en, 1],
    ];
    for (const code of g.bundles) {
      const b = guides.bundles.get(code);
      if (!b) continue;
      texts.push([b.name.zh, 3], [b.name.en, 2], ...b.keywords.map((k): [string, number] => [k, 3]));
    }
    matterTexts.set(g.code, texts);
  }
  const bundleTexts = (g: BundleGuide): [string, number][] => [
    [g.name.zh, 10],
    [g.name.en, 6],
    [g.code, 4],
    ...g.keywords.map((k): [string, number] => [k, 8]),
  ];

  const descendants = (code: string): Set<string> => {
    const out = new Set([code]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const d of departments) {
        if (d.parent !== null && out.has(d.parent) && !out.has(d.code)) {
          out.add(d.code);
          grew = true;
        }
      }
    }
    return out;
  };

  const stats: CatalogStats = {
    departments: departments.length,
    matters: matterGuides.length,
    bundles: bundleGuides.length,
    materials: index.materials.size,
    credentialTypes: index.credentialTypes.size,
    interDepartmentMatters: matterGuides.filter((g) => g.applicantTypes.includes('department')).length,
    overseasMatters: matterGuides.filter((g) => g.channels.includes('overseas')).length,
  };

  const unconnected = new Map<string, UnconnectedMaterial>();
  for (const matter of index.matters.values()) {
    for (const use of matter.materials) {
      const datahub = use.library.satisfiedBy.datahub;
      if (use.connected || !datahub || !use.ways.includes('datahub')) continue;
      const seen = unconnected.get(use.id);
      if (seen) seen.matters.push(matter.code);
      else
        unconnected.set(use.id, {
          material: use.id,
          name: use.library.name,
          source: datahub.source,
          item: datahub.item,
          matters: [matter.code],
        });
    }
  }

  return {
    unconnected: [...unconnected.values()],
    departments,
    department: (code) => departmentByCode.get(code),
    matters: matterSummaries,
    matter: (code) => guides.matters.get(code),
    bundles: bundleSummaries,
    bundle: (code) => guides.bundles.get(code),
    credentialType: (type) => {
      const c = index.credentialTypes.get(type)?.value;
      return c && { type: c.type, name: c.name, kind: c.kind, claims: c.claims, issuer: c.issuer ?? null };
    },
    searchMatters: (query = {}) => {
      const scope = query.department ? descendants(query.department) : null;
      const found = matterGuides.filter(
        (g) =>
          (!scope || scope.has(g.department.code)) &&
          (!query.lifeEvent || g.lifeEvents.includes(query.lifeEvent)) &&
          (!query.applicantType || g.applicantTypes.includes(query.applicantType)),
      );
      return rank(found, query.q, (g) => matterTexts.get(g.code) ?? []).map(
        (g) => summaryByCode.get(g.code)!,
      );
    },
    searchBundles: (query = {}) => {
      const found = bundleGuides.filter((g) => !query.lifeEvent || g.lifeEvents.includes(query.lifeEvent));
      return rank(found, query.q, bundleTexts).map((g) => bundleSummaryByCode.get(g.code)!);
    },
    stats,
  };
}
