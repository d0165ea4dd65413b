import type { BilingualText } from '../../../shared/contracts/catalog.js';
import { where, type Source } from './catalog.locator.js';
import type { CatalogIndex, Entry, Problems, ResolvedMatter } from './catalog.types.js';
import { INPUT_SOURCE, type BundleYaml } from './catalog.yaml-schema.js';

/** Data one step receives from an earlier step's output. */
export interface ResolvedInput {
  field: string;
  fromStep: string;
  claim: string;
}

/** A step whose matter and prerequisites are known. */
export interface ResolvedStep {
  id: string;
  matter: ResolvedMatter;
  /** Explicit `after:` plus, in a staged bundle, every step of the previous stage. */
  after: string[];
  stage: string | null;
  inputs: ResolvedInput[];
  at: Source;
}

/** The steps of a guide as a checked, acyclic graph. */
export interface StepGraph {
  /** In a topological order that keeps the file's order where the graph allows. */
  steps: ResolvedStep[];
  /** For each step, every step that must be complete before it (transitively). */
  ancestors: Map<string, Set<string>>;
  stages: { id: string; name: BilingualText; steps: string[] }[];
}

/** The trivial graph of a single matter's guide: one step named after the matter. */
export function singleStepGraph(matter: ResolvedMatter): StepGraph {
  const step: ResolvedStep = {
    id: matter.code,
    matter,
    after: [],
    stage: null,
    inputs: [],
    at: matter.entry.at,
  };
  return { steps: [step], ancestors: new Map([[step.id, new Set()]]), stages: [] };
}

/** Finds one cycle through the `after` edges, as the list of steps on it, or null. */
function findCycle(steps: Map<string, { after: string[] }>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'open');
    stack.push(id);
    for (const next of steps.get(id)?.after ?? []) {
      if (!steps.has(next)) continue;
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of steps.keys()) {
    if (state.get(id) === undefined) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Resolves and checks a bundle's steps: unique ids, known matters, known `after:` steps and
 * stages, no cycle (the cycle is named), and inputs that name a field the step asks and a claim
 * an earlier step's output carries. Returns null when the graph cannot be used.
 */
export function resolveSteps(
  bundle: Entry<BundleYaml>,
  index: CatalogIndex,
  problems: Problems,
): StepGraph | null {
  const before = problems.list.length;
  const b = bundle.value;
  const at = (i: number, ...sub: PropertyKey[]) => where(bundle.at, 'steps', i, ...sub);
  const stageIds = b.stages.map((s) => s.id);
  // Steps whose matter is unknown stay in the graph so that cycles are still found and named.
  const nodes = new Map<string, Omit<ResolvedStep, 'matter'> & { matter: ResolvedMatter | undefined }>();

  b.steps.forEach((s, i) => {
    if (nodes.has(s.id)) {
      problems.add('duplicate-step', at(i, 'id'), `step "${s.id}" is defined twice in bundle ${b.code}`);
      return;
    }
    const matter = index.matters.get(s.matter);
    if (!matter && !index.broken.has(s.matter)) {
      problems.add('unknown-matter', at(i, 'matter'), `there is no matter "${s.matter}"`);
    }
    let stage: string | null = null;
    if (s.stage !== undefined) {
      if (stageIds.includes(s.stage)) stage = s.stage;
      else problems.add('unknown-stage', at(i, 'stage'), `bundle ${b.code} has no stage "${s.stage}"`);
    } else if (stageIds.length > 0) {
      problems.add('missing-stage', at(i), `bundle ${b.code} is staged: step "${s.id}" needs a stage`);
    }
    nodes.set(s.id, { id: s.id, matter, after: [...s.after], stage, inputs: [], at: { src: bundle.at.src, path: [...bundle.at.path, 'steps', i] } });
  });

  b.steps.forEach((s, i) => {
    s.after.forEach((dep, j) => {
      if (dep === s.id) {
        problems.add('step-cycle', at(i, 'after', j), `steps form a cycle: ${s.id} → ${s.id}`);
      } else if (!b.steps.some((o) => o.id === dep)) {
        problems.add('unknown-step', at(i, 'after', j), `bundle ${b.code} has no step "${dep}"`);
      }
    });
  });

  // A stage opens when the previous stage (with any steps) is complete.
  const stages = b.stages.map((s) => ({
    id: s.id,
    name: s.name,
    steps: [...nodes.values()].filter((step) => step.stage === s.id).map((step) => step.id),
  }));
  let previous: string[] = [];
  for (const stage of stages) {
    for (const id of stage.steps) {
      const step = nodes.get(id)!;
      step.after = [...new Set([...previous, ...step.after])];
    }
    if (stage.steps.length > 0) previous = stage.steps;
  }

  const cycle = findCycle(nodes);
  if (cycle) {
    const first = b.steps.findIndex((s) => s.id === cycle[0]);
    problems.add('step-cycle', at(first, 'after'), `steps form a cycle: ${cycle.join(' → ')}`);
  }
  if (problems.list.length > before) return null;
  const byId = new Map<string, ResolvedStep>();
  for (const [id, node] of nodes) {
    // A matter that is broken already has its own problem; the bundle cannot be built.
    if (!node.matter) return null;
    byId.set(id, { ...node, matter: node.matter });
  }

  const order: ResolvedStep[] = [];
  const placed = new Set<string>();
  while (order.length < byId.size) {
    const next = [...byId.values()].find(
      (s) => !placed.has(s.id) && s.after.every((dep) => placed.has(dep)),
    )!;
    order.push(next);
    placed.add(next.id);
  }
  const ancestors = new Map<string, Set<string>>();
  for (const step of order) {
    const set = new Set<string>();
    for (const dep of step.after) {
      set.add(dep);
      for (const a of ancestors.get(dep) ?? []) set.add(a);
    }
    ancestors.set(step.id, set);
  }

  b.steps.forEach((s, i) => {
    const step = byId.get(s.id)!;
    for (const [field, source] of Object.entries(s.inputs)) {
      const here = at(i, 'inputs', field);
      const m = INPUT_SOURCE.exec(source);
      if (!m) continue;
      const [, fromStep = '', claim = ''] = m;
      if (!step.matter.fields.some((f) => f.name === field)) {
        problems.add(
          'input-unknown-field',
          here,
          `matter ${step.matter.code} of step "${s.id}" asks no field "${field}"`,
        );
        continue;
      }
      const from = byId.get(fromStep);
      if (!from) {
        problems.add('unknown-step', here, `bundle ${b.code} has no step "${fromStep}"`);
        continue;
      }
      if (!ancestors.get(s.id)?.has(fromStep)) {
        problems.add(
          'pass-from-non-predecessor',
          here,
          `step "${s.id}" takes ${field} from "${fromStep}", which does not come before it (add it to after:)`,
        );
        continue;
      }
      const claims = from.matter.outputs.flatMap((o) => o.claims);
      if (!claims.includes(claim)) {
        problems.add(
          'unknown-output',
          here,
          `step "${fromStep}" (${from.matter.code}) produces no "${claim}"; its outputs carry: ${claims.join(', ') || 'nothing'}`,
        );
        continue;
      }
      step.inputs.push({ field, fromStep, claim });
    }
  });
  if (problems.list.length > before) return null;
  return { steps: order, ancestors, stages };
}
