import {
  CHANNELS,
  MATTER_KIND_NAMES,
  type BundleGuide,
  type Channel,
  type Fee,
  type LegalBasis,
  type LegalLimit,
  type MatterGuide,
  type Output,
  type PromisedLimit,
  type Step,
} from '../../../shared/contracts/catalog.js';
import { promiseWithin } from './catalog.checks.js';
import { resolveSteps, singleStepGraph, type StepGraph } from './catalog.graph.js';
import { where, type Source } from './catalog.locator.js';
import { mergeFields, mergeMaterials, toFormSchema } from './catalog.merge.js';
import type { CatalogIndex, Problems, ResolvedMatter } from './catalog.types.js';
import { validateForm } from './form.validator.js';

/** Every guide of the catalog, computed once at load. */
export interface Guides {
  matters: Map<string, MatterGuide>;
  bundles: Map<string, BundleGuide>;
}

function promisedLimit(p: { workingDays?: number | undefined; workingHours?: number | undefined }): PromisedLimit {
  return p.workingDays !== undefined ? { workingDays: p.workingDays } : { workingHours: p.workingHours ?? 1 };
}

function legalLimit(m: ResolvedMatter): LegalLimit {
  return m.entry.value.legalLimit ? { workingDays: m.entry.value.legalLimit.workingDays } : null;
}

/** The legal limit of a graph: the longest chain of legal limits, unknown if any step has none. */
function longestLegalPath(graph: StepGraph): LegalLimit {
  const total = new Map<string, number>();
  for (const step of graph.steps) {
    const own = step.matter.entry.value.legalLimit?.workingDays;
    if (own === undefined) return null;
    total.set(step.id, own + Math.max(0, ...step.after.map((d) => total.get(d) ?? 0)));
  }
  return { workingDays: Math.max(...total.values()) };
}

function uniqueBasis(list: LegalBasis[]): LegalBasis[] {
  const seen = new Set<string>();
  return list.filter((b) => {
    const key = `${b.title}${b.articles ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface GuideOptions {
  graph: StepGraph;
  /** A matter's guide names no steps in its fees and outputs. */
  isBundle: boolean;
  paperless: boolean;
  paperlessAt: Source;
  promised: PromisedLimit;
  promisedAt: Source;
  legal: LegalLimit;
  ownBasis: LegalBasis[];
  exampleAt: Source;
}

/** The parts a matter's and a bundle's guide share, computed the same way for both. */
function composeGuide(o: GuideOptions, index: CatalogIndex, problems: Problems, today: Date) {
  const { graph } = o;
  const fields = mergeFields(graph, problems);
  const form = toFormSchema(fields);
  const { materials, provided, asked } = mergeMaterials(graph, index, problems);
  const steps: Step[] = graph.steps.map((s) => ({
    id: s.id,
    matter: s.matter.code,
    name: s.matter.entry.value.name,
    department: s.matter.department.code,
    after: s.after,
    stage: s.stage,
    inputs: s.inputs,
    promisedLimit: promisedLimit(s.matter.entry.value.promisedLimit),
  }));
  const stepOf = (id: string) => (o.isBundle ? { step: id } : {});
  const outputs: Output[] = graph.steps.flatMap((s) =>
    s.matter.outputs.map((c) => ({
      type: c.type,
      name: c.name,
      kind: c.kind,
      claims: c.claims,
      ...stepOf(s.id),
    })),
  );
  const fees: Fee[] = graph.steps.flatMap((s) =>
    s.matter.entry.value.fees.map((f) => ({ ...f, ...stepOf(s.id) })),
  );
  const legalBasis = uniqueBasis([
    ...o.ownBasis,
    ...graph.steps.flatMap((s) => s.matter.entry.value.legalBasis),
  ]);

  if (o.paperless) {
    // Uploads asked only because a source is not connected are the hub's gap, not the YAML's.
    const paper = materials
      .filter((m) => m.satisfiedBy.includes('upload') && !asked.includes(m.id))
      .map((m) => m.id);
    if (paper.length > 0) {
      problems.add(
        'paperless-upload',
        where(o.paperlessAt),
        `paperless, but these materials can be uploaded: ${paper.join(', ')} (narrow their satisfiedBy)`,
      );
    }
  }
  if (o.legal && !promiseWithin(o.promised, o.legal.workingDays)) {
    problems.add(
      'promised-exceeds-legal',
      where(o.promisedAt),
      `the promised limit is longer than the legal limit of ${o.legal.workingDays} working days`,
    );
  }
  const example = form.examples[0] ?? {};
  for (const issue of validateForm(form, example, { today, lang: 'en' })) {
    const name = issue.path.split('.')[1] ?? '';
    const field = fields.find((f) => f.def.name === name);
    problems.add(
      'example-invalid',
      field ? where(field.def.definedAt, 'example') : where(o.exampleAt),
      `the example form is invalid at ${issue.path}: ${issue.message}`,
    );
  }
  // Paperless only while every material really comes as data.
  const paperless = o.paperless && asked.length === 0;
  return { steps, form, materials, provided, outputs, fees, legalBasis, paperless };
}

function channelsOf(graph: StepGraph): Channel[] {
  return CHANNELS.filter((c) => graph.steps.every((s) => s.matter.entry.value.channels.includes(c)));
}

/**
 * Computes the guide of every matter and bundle: steps, merged form (JSON Schema with a valid
 * `examples[0]`), merged and de-duplicated materials, outputs, fees, legal basis and limits.
 * Problems found on the way (conflicting fields, invalid examples, a paperless bundle asking
 * for uploads, promises beyond the law) are added to `problems`.
 */
export function buildGuides(index: CatalogIndex, problems: Problems, today: Date): Guides {
  const matters = new Map<string, MatterGuide>();
  const badMatters = new Set<string>();
  for (const [code, matter] of index.matters) {
    const before = problems.list.length;
    const m = matter.entry.value;
    const core = composeGuide(
      {
        graph: singleStepGraph(matter),
        isBundle: false,
        paperless: m.paperless,
        paperlessAt: { src: matter.entry.at.src, path: [...matter.entry.at.path, 'paperless'] },
        promised: promisedLimit(m.promisedLimit),
        // The matter's own promise was checked against its legal limit with the references.
        promisedAt: matter.entry.at,
        legal: null,
        ownBasis: [],
        exampleAt: matter.entry.at,
      },
      index,
      problems,
      today,
    );
    if (problems.list.length > before) badMatters.add(code);
    matters.set(code, {
      code,
      name: m.name,
      ...(m.description && { description: m.description }),
      kind: m.kind,
      kindName: MATTER_KIND_NAMES[m.kind],
      department: { code: matter.department.code, name: matter.department.name },
      conditions: m.conditions,
      applicantTypes: m.applicantTypes,
      lifeEvents: m.lifeEvents,
      keywords: m.keywords,
      channels: CHANNELS.filter((c) => m.channels.includes(c)),
      trips: m.trips,
      legalLimit: legalLimit(matter),
      promisedLimit: promisedLimit(m.promisedLimit),
      bundles: [],
      ...core,
    });
  }

  const bundles = new Map<string, BundleGuide>();
  for (const [code, entry] of index.bundles) {
    const b = entry.value;
    const graph = resolveSteps(entry, index, problems);
    // A matter with its own problem would only repeat it here.
    if (!graph || graph.steps.some((s) => badMatters.has(s.matter.code))) continue;
    const legal = longestLegalPath(graph);
    const before = problems.list.length;
    const core = composeGuide(
      {
        graph,
        isBundle: true,
        paperless: b.paperless,
        paperlessAt: { src: entry.at.src, path: [...entry.at.path, 'paperless'] },
        promised: promisedLimit(b.promisedLimit),
        promisedAt: { src: entry.at.src, path: [...entry.at.path, 'promisedLimit'] },
        legal,
        ownBasis: b.legalBasis,
        exampleAt: entry.at,
      },
      index,
      problems,
      today,
    );
    const common = channelsOf(graph);
    let channels = common;
    if (b.channels) {
      channels = CHANNELS.filter((c) => b.channels?.includes(c));
      for (const [i, c] of b.channels.entries()) {
        if (!common.includes(c)) {
          problems.add(
            'channel-not-offered',
            where(entry.at, 'channels', i),
            `channel ${c} is not offered by every step (common channels: ${common.join(', ') || 'none'})`,
          );
        }
      }
    } else if (common.length === 0) {
      problems.add('no-common-channel', where(entry.at, 'steps'), 'the steps share no channel; give channels:');
    }
    if (problems.list.length > before) continue;
    const departments = [...new Set(graph.steps.map((s) => s.matter.department.code))].map((d) => ({
      code: d,
      name: index.departments.get(d)!.value.name,
    }));
    bundles.set(code, {
      code,
      name: b.name,
      ...(b.description && { description: b.description }),
      applicantTypes: b.applicantTypes,
      lifeEvents: b.lifeEvents,
      keywords: b.keywords,
      channels,
      trips: b.trips ?? (graph.steps.some((s) => s.matter.entry.value.trips === 1) ? 1 : 0),
      legalLimit: legal,
      promisedLimit: promisedLimit(b.promisedLimit),
      departments,
      stages: graph.stages,
      ...core,
    });
    // A matter is part of the bundles it is a step of, and belongs to their life events.
    for (const step of graph.steps) {
      const guide = matters.get(step.matter.code);
      if (!guide) continue;
      if (!guide.bundles.includes(code)) guide.bundles.push(code);
      guide.lifeEvents = [...new Set([...guide.lifeEvents, ...b.lifeEvents])];
    }
  }
  return { matters, bundles };
}
