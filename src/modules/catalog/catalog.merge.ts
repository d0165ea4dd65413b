import {
  FORM_SCHEMA_DIALECT,
  SATISFACTION_WAYS,
  type FormItem,
  type FormProperty,
  type FormSchema,
  type GuideMaterial,
  type ProvidedMaterial,
} from '../../../shared/contracts/catalog.js';
import type { StepGraph } from './catalog.graph.js';
import { where, type Position, type Source } from './catalog.locator.js';
import type { CatalogIndex, FieldDef, ItemDef, MaterialUse, Problems } from './catalog.types.js';

/** Accepted uploads when a material does not say: documents and scans, OFD included (GB/T 33190). */
export const DEFAULT_UPLOAD_MEDIA_TYPES = ['application/pdf', 'application/ofd', 'image/jpeg', 'image/png'];
/** Largest upload when a material does not say. */
export const DEFAULT_UPLOAD_MAX_MB = 20;

function fmt(p: Position): string {
  return `${p.file}:${p.line}:${p.column}`;
}

/** A field as the merged form asks it, with the asks it came from. */
export interface MergedField {
  def: FieldDef;
  steps: string[];
}

const max = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
const min = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

/** The constraints fields and array items share. */
type Limits = Omit<ItemDef, 'type'> & { type: FieldDef['type'] };

function mergeEnum(a: ItemDef['enum'], b: ItemDef['enum']): ItemDef['enum'] {
  if (!a) return b;
  if (!b) return a;
  return a.filter((x) => b.some((y) => y.value === x.value));
}

/** Why two asks of one field cannot be merged, or null when they can. */
function conflict(a: Limits, b: Limits): string | null {
  if (a.type !== b.type) return `type ${a.type} vs ${b.type}`;
  if (a.format !== b.format) return `format ${a.format ?? 'none'} vs ${b.format ?? 'none'}`;
  if (a.pattern !== b.pattern) return `pattern ${a.pattern ?? 'none'} vs ${b.pattern ?? 'none'}`;
  if (a.enum && b.enum && mergeEnum(a.enum, b.enum)?.length === 0) return 'no common enum value';
  return null;
}

/** The tighter of two compatible definitions: both sets of limits hold. */
function tighten<T extends Limits>(a: T, b: Limits): T {
  const out: T = { ...a };
  const set = <K extends keyof Limits>(key: K, value: Limits[K]) => {
    if (value === undefined) delete out[key];
    else out[key] = value as T[K];
  };
  set('enum', mergeEnum(a.enum, b.enum));
  set('minLength', max(a.minLength, b.minLength));
  set('maxLength', min(a.maxLength, b.maxLength));
  set('min', max(a.min, b.min));
  set('max', min(a.max, b.max));
  return out;
}

/**
 * Merges the fields the steps ask into one form: a field asked by several matters is asked
 * once, required if any step requires it, with the limits of all of them; a field a step
 * receives from an earlier step (`inputs:`) is not asked of that step at all. Asks that cannot
 * be merged (different types, formats or patterns) are reported as `field-conflict`.
 */
export function mergeFields(graph: StepGraph, problems: Problems): MergedField[] {
  const merged = new Map<string, MergedField & { firstStep: Source }>();
  for (const step of graph.steps) {
    const passed = new Set(step.inputs.map((i) => i.field));
    for (const def of step.matter.fields) {
      if (passed.has(def.name)) continue;
      const seen = merged.get(def.name);
      if (!seen) {
        merged.set(def.name, { def: { ...def }, steps: [step.id], firstStep: step.at });
        continue;
      }
      const why =
        conflict(seen.def, def) ??
        (seen.def.type === 'array' && seen.def.items && def.items ? conflict(seen.def.items, def.items) : null);
      if (why) {
        problems.add(
          'field-conflict',
          where(step.at, 'matter'),
          `field "${def.name}" is asked by steps ${seen.steps.join(', ')} (defined at ${fmt(where(seen.def.definedAt))}) ` +
            `and by step "${step.id}" (defined at ${fmt(where(def.definedAt))}) with ${why}; ` +
            'rename one of them or make the definitions agree',
        );
        continue;
      }
      const next = tighten(seen.def, def);
      next.required = seen.def.required || def.required;
      next.minItems = max(seen.def.minItems, def.minItems);
      next.maxItems = min(seen.def.maxItems, def.maxItems);
      if (seen.def.items && def.items) next.items = tighten(seen.def.items, def.items);
      if (next.example === undefined && def.example !== undefined) next.example = def.example;
      if (next.minItems === undefined) delete next.minItems;
      if (next.maxItems === undefined) delete next.maxItems;
      seen.def = next;
      seen.steps.push(step.id);
    }
  }
  return [...merged.values()].map(({ def, steps }) => ({ def, steps }));
}

/** The constraint keywords of a field or item; the caller sets `type`. */
function toItem(def: Limits): Omit<FormItem, 'type'> {
  return {
    ...(def.format !== undefined && { format: def.format }),
    ...(def.pattern !== undefined && { pattern: def.pattern }),
    ...(def.enum !== undefined && { enum: def.enum.map((e) => e.value) }),
    ...(def.enum?.some((e) => e.label) && {
      'x-enum-labels': def.enum.map((e) => ({
        value: e.value,
        zh: e.label?.zh ?? e.value,
        en: e.label?.en ?? e.value,
      })),
    }),
    ...(def.minLength !== undefined && { minLength: def.minLength }),
    ...(def.maxLength !== undefined && { maxLength: def.maxLength }),
    ...(def.min !== undefined && { minimum: def.min }),
    ...(def.max !== undefined && { maximum: def.max }),
  };
}

/** The JSON Schema (2020-12) of a merged form, with `examples[0]` built from the fields' examples. */
export function toFormSchema(fields: MergedField[]): FormSchema {
  const properties: Record<string, FormProperty> = {};
  const example: Record<string, unknown> = {};
  for (const { def, steps } of fields) {
    properties[def.name] = {
      type: def.type,
      title: def.title.zh,
      'x-title-en': def.title.en,
      ...(def.description && { description: `${def.description.zh}\n${def.description.en}` }),
      ...toItem(def),
      ...(def.items && { items: { type: def.items.type, ...toItem(def.items) } }),
      ...(def.minItems !== undefined && { minItems: def.minItems }),
      ...(def.maxItems !== undefined && { maxItems: def.maxItems }),
      'x-steps': steps,
    };
    if (def.example !== undefined) example[def.name] = def.example;
  }
  return {
    $schema: FORM_SCHEMA_DIALECT,
    type: 'object',
    properties,
    required: fields.filter((f) => f.def.required).map((f) => f.def.name),
    additionalProperties: false,
    examples: [example],
  };
}

interface MergedMaterial {
  first: MaterialUse;
  essential: boolean;
  allowMissing: boolean;
  ways: MaterialUse['ways'];
  conditional: boolean;
  steps: string[];
  /** The data-hub fields each step's matter declares (steps that declare none are absent). */
  fieldsByStep: Map<string, string[]>;
}

/** The merged material list of a guide, and the materials the bundle produces itself. */
export interface MergedMaterials {
  materials: GuideMaterial[];
  provided: ProvidedMaterial[];
  /**
   * Materials the YAML fetches from a source the data hub does not connect: they are asked
   * from the applicant (upload, or the original at the window) instead.
   */
  asked: string[];
}

/**
 * Merges the materials of all steps: a material with the same id is listed once, with every
 * step that needs it; it is essential if any step says so, may be missing (容缺) only if every
 * step allows it, and can be satisfied only in ways every step accepts. A material satisfied by
 * a credential that an earlier step issues (the business licence for the bank) is not asked at
 * all: it goes to `provided`.
 */
export function mergeMaterials(graph: StepGraph, index: CatalogIndex, problems: Problems): MergedMaterials {
  const merged = new Map<string, MergedMaterial>();
  const provided = new Map<string, ProvidedMaterial>();
  for (const step of graph.steps) {
    const ancestors = graph.steps.filter((s) => graph.ancestors.get(step.id)?.has(s.id));
    for (const use of step.matter.materials) {
      const type = use.library.satisfiedBy.credential?.type;
      const producer =
        type !== undefined && use.ways.includes('credential')
          ? ancestors.find((s) => s.matter.outputs.some((o) => o.type === type))
          : undefined;
      if (producer && type !== undefined) {
        const seen = provided.get(use.id);
        if (seen) seen.steps.push(step.id);
        else {
          provided.set(use.id, {
            id: use.id,
            name: use.library.name,
            fromStep: producer.id,
            credentialType: type,
            steps: [step.id],
          });
        }
        continue;
      }
      const seen = merged.get(use.id);
      if (!seen) {
        merged.set(use.id, {
          first: use,
          essential: use.essential,
          allowMissing: use.allowMissing,
          ways: [...use.ways],
          conditional: use.condition !== undefined,
          steps: [step.id],
          fieldsByStep: new Map(use.datahubFields ? [[step.id, use.datahubFields]] : []),
        });
        continue;
      }
      const ways = seen.ways.filter((w) => use.ways.includes(w));
      if (ways.length === 0) {
        problems.add(
          'material-conflict',
          where(use.at),
          `material "${use.id}" is accepted as ${seen.ways.join('/')} by steps ${seen.steps.join(', ')} ` +
            `but only as ${use.ways.join('/')} by step "${step.id}": no way satisfies both`,
        );
        continue;
      }
      seen.ways = ways;
      seen.essential ||= use.essential;
      seen.allowMissing &&= use.allowMissing;
      seen.conditional &&= use.condition !== undefined;
      seen.steps.push(step.id);
      if (use.datahubFields) seen.fieldsByStep.set(step.id, use.datahubFields);
    }
  }
  const all = [...merged.values()];
  const materials = all.map((m) => toGuideMaterial(m, index));
  const asked = all
    .filter((m) => !m.first.connected && m.ways.includes('datahub'))
    .map((m) => m.first.id);
  return { materials, provided: [...provided.values()], asked };
}

function toGuideMaterial(m: MergedMaterial, index: CatalogIndex): GuideMaterial {
  const lib = m.first.library;
  const { datahub, credential, commitment } = lib.satisfiedBy;
  // Nothing counts as fetched that is not: an item of a source the hub does not connect is
  // asked from the applicant, as an upload (or its original at the window).
  const unconnected = datahub && m.ways.includes('datahub') && !m.first.connected;
  const ways = SATISFACTION_WAYS.filter((w) =>
    unconnected ? w === 'upload' || (w !== 'datahub' && m.ways.includes(w)) : m.ways.includes(w),
  );
  const upload = lib.satisfiedBy.upload ?? (unconnected ? {} : undefined);
  const fields = [...new Set([...m.fieldsByStep.values()].flat())];
  const credentialName = credential && index.credentialTypes.get(credential.type)?.value.name;
  return {
    id: m.first.id,
    name: lib.name,
    ...(lib.description && { description: lib.description }),
    ...(m.conditional && m.first.condition && { condition: m.first.condition }),
    essential: m.essential,
    allowMissing: m.allowMissing && !m.essential,
    satisfiedBy: ways,
    ...(ways.includes('datahub') &&
      datahub && {
        datahub: { source: datahub.source, item: datahub.item, fields },
        fieldsByStep: Object.fromEntries(m.fieldsByStep),
      }),
    ...(unconnected && { notConnected: { source: datahub.source, item: datahub.item } }),
    ...(ways.includes('credential') &&
      credential &&
      credentialName && { credential: { type: credential.type, name: credentialName } }),
    ...(ways.includes('upload') &&
      upload && {
        upload: {
          mediaTypes: upload.mediaTypes ?? DEFAULT_UPLOAD_MEDIA_TYPES,
          maxSizeBytes: Math.round((upload.maxSizeMb ?? DEFAULT_UPLOAD_MAX_MB) * 1024 * 1024),
        },
      }),
    ...(ways.includes('commitment') && commitment && { commitment: { text: commitment.text } }),
    steps: m.steps,
  };
}
