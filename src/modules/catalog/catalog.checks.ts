import { SATISFACTION_WAYS, type SatisfactionWay } from '../../../shared/contracts/catalog.js';
import { where, type Position, type Source } from './catalog.locator.js';
import type {
  CatalogIndex,
  DataHubDirectory,
  Entry,
  FieldDef,
  ItemDef,
  MaterialUse,
  MatterEntry,
  Problems,
  RawCatalog,
  ResolvedMatter,
} from './catalog.types.js';
import type { FieldYaml, MaterialYaml } from './catalog.yaml-schema.js';

/** Working hours of one working day, to compare hour promises with day limits. */
export const HOURS_PER_WORKING_DAY = 8;

function fmt(p: Position): string {
  return `${p.file}:${p.line}:${p.column}`;
}

/** Keeps the first entry of each key and reports the others as duplicates. */
function dedupe<E extends Entry<unknown>>(
  entries: E[],
  key: (value: E['value']) => string,
  keyPath: string,
  what: string,
  problems: Problems,
  seen: Map<string, Source> = new Map(),
): Map<string, E> {
  const out = new Map<string, E>();
  for (const entry of entries) {
    const k = key(entry.value);
    const first = seen.get(k);
    if (first) {
      problems.add(
        'duplicate-code',
        where(entry.at, keyPath),
        `${what} "${k}" is already defined at ${fmt(where(first, keyPath))}`,
      );
      continue;
    }
    seen.set(k, entry.at);
    out.set(k, entry);
  }
  return out;
}

/** The ways a material's library entry offers, in the platform's order of preference. */
export function libraryWays(material: MaterialYaml): SatisfactionWay[] {
  return SATISFACTION_WAYS.filter((way) => material.satisfiedBy[way] !== undefined);
}

function toItemDef(v: NonNullable<FieldYaml['items']>): ItemDef {
  return {
    type: v.type,
    ...(v.format !== undefined && { format: v.format }),
    ...(v.pattern !== undefined && { pattern: v.pattern }),
    ...(v.enum !== undefined && { enum: v.enum }),
    ...(v.minLength !== undefined && { minLength: v.minLength }),
    ...(v.maxLength !== undefined && { maxLength: v.maxLength }),
    ...(v.min !== undefined && { min: v.min }),
    ...(v.max !== undefined && { max: v.max }),
  };
}

/** A full field definition (schema-checked: name, type and title are present). */
function toFieldDef(v: FieldYaml, definedAt: Source, askedAt: Source, required?: boolean): FieldDef {
  const { items, type, ...rest } = v;
  return {
    ...toItemDef({ ...rest, type: 'string' }),
    type: type ?? 'string',
    name: v.name ?? '',
    title: v.title ?? { zh: '', en: '' },
    ...(v.description !== undefined && { description: v.description }),
    required: required ?? v.required ?? true,
    ...(items !== undefined && { items: toItemDef(items) }),
    ...(v.minItems !== undefined && { minItems: v.minItems }),
    ...(v.maxItems !== undefined && { maxItems: v.maxItems }),
    ...(v.example !== undefined && { example: v.example }),
    definedAt,
    askedAt,
  };
}

function resolveFields(
  matter: MatterEntry,
  library: Map<string, Entry<FieldYaml>>,
  problems: Problems,
  broken: Set<string>,
): FieldDef[] {
  const out: FieldDef[] = [];
  const names = new Map<string, Source>();
  matter.value.form.forEach((field, i) => {
    const askedAt: Source = { src: matter.at.src, path: [...matter.at.path, 'form', i] };
    let def: FieldDef;
    if (field.ref !== undefined) {
      const common = library.get(field.ref);
      if (!common) {
        if (!broken.has(field.ref)) {
          problems.add(
            'unknown-field',
            where(askedAt),
            `form[${i}]: there is no common field "${field.ref}" in any fields: section`,
          );
        }
        return;
      }
      def = toFieldDef(common.value, common.at, askedAt, field.required);
    } else {
      def = toFieldDef(field, askedAt, askedAt);
    }
    const first = names.get(def.name);
    if (first) {
      problems.add(
        'duplicate-field',
        where(askedAt),
        `field "${def.name}" is asked twice in this matter (first at ${fmt(where(first))})`,
      );
      return;
    }
    names.set(def.name, askedAt);
    if (def.required && def.example === undefined) {
      problems.add(
        'missing-example',
        where(def.definedAt),
        `required field "${def.name}" needs an example (the guide's examples[0] must be a valid form)`,
      );
    }
    out.push(def);
  });
  return out;
}

/** Whether the hub connects a material's data item (every item does without a directory). */
function connectedItem(datahub: { source: string; item: string }, hub: DataHubDirectory | undefined): boolean {
  return !hub || hub.fields(datahub.source, datahub.item) !== undefined;
}

/** Reports each of `fields` that the connected item does not have. */
function checkDataFields(
  datahub: { source: string; item: string },
  fields: string[],
  hub: DataHubDirectory | undefined,
  at: Source,
  problems: Problems,
): void {
  const known = hub?.fields(datahub.source, datahub.item);
  if (!known) return;
  fields.forEach((f, i) => {
    if (!known.includes(f)) {
      problems.add(
        'unknown-data-field',
        where(at, i),
        `the data item ${datahub.source}/${datahub.item} has no field "${f}" (it has ${known.join(', ')})`,
      );
    }
  });
}

function resolveMaterials(
  matter: MatterEntry,
  library: Map<string, Entry<MaterialYaml>>,
  problems: Problems,
  broken: Set<string>,
  hub: DataHubDirectory | undefined,
): MaterialUse[] {
  const out: MaterialUse[] = [];
  const seen = new Set<string>();
  matter.value.materials.forEach((ref, i) => {
    const at: Source = { src: matter.at.src, path: [...matter.at.path, 'materials', i] };
    const material = library.get(ref.id);
    if (!material) {
      if (!broken.has(ref.id)) {
        problems.add('unknown-material', where(at), `there is no material "${ref.id}" in any materials: section`);
      }
      return;
    }
    if (seen.has(ref.id)) {
      problems.add('duplicate-material', where(at), `material "${ref.id}" is listed twice`);
      return;
    }
    seen.add(ref.id);
    const offered = libraryWays(material.value);
    const wanted = ref.satisfiedBy ?? offered;
    for (const way of wanted) {
      if (!offered.includes(way)) {
        problems.add(
          'unsupported-way',
          where(at, 'satisfiedBy'),
          `material "${ref.id}" cannot be satisfied by ${way}; its definition offers ${offered.join(', ')}`,
        );
      }
    }
    if (ref.essential && ref.allowMissing) {
      problems.add(
        'essential-not-deferrable',
        where(at, 'allowMissing'),
        `material "${ref.id}" is essential (要件) and so cannot be missing under 容缺; make it essential: false`,
      );
    }
    const ways = SATISFACTION_WAYS.filter((w) => wanted.includes(w) && offered.includes(w));
    const datahub = ways.includes('datahub') ? material.value.satisfiedBy.datahub : undefined;
    const connected = !datahub || connectedItem(datahub, hub);
    if (ref.fields && !datahub) {
      problems.add(
        'fields-without-datahub',
        where(at, 'fields'),
        `material "${ref.id}" is not fetched from the data hub in this matter, so it declares no fields`,
      );
    } else if (ref.fields && datahub) {
      checkDataFields(datahub, ref.fields, hub, { src: at.src, path: [...at.path, 'fields'] }, problems);
    }
    const datahubFields = datahub ? (ref.fields ?? datahub.fields ?? null) : null;
    // Minimisation: a query gets only the declared fields, so a fetched item must declare some.
    if (datahub && hub && connected && datahubFields === null) {
      problems.add(
        'datahub-fields-missing',
        where(at),
        `material "${ref.id}" is fetched from ${datahub.source}/${datahub.item} but no fields are declared ` +
          '(give fields: here or in the material\'s satisfiedBy.datahub)',
      );
    }
    out.push({
      id: ref.id,
      library: material.value,
      essential: ref.essential,
      allowMissing: ref.allowMissing,
      ways,
      datahubFields,
      connected,
      ...(ref.condition !== undefined && { condition: ref.condition }),
      at,
    });
  });
  return out;
}

/** Whether a promise fits within a legal limit in working days. */
export function promiseWithin(
  promised: { workingDays?: number | undefined; workingHours?: number | undefined },
  legalDays: number,
): boolean {
  if (promised.workingDays !== undefined) return promised.workingDays <= legalDays;
  return (promised.workingHours ?? 0) <= legalDays * HOURS_PER_WORKING_DAY;
}

function checkDepartments(index: CatalogIndex, problems: Problems): void {
  for (const [code, entry] of index.departments) {
    const parent = entry.value.parent;
    if (parent === undefined) continue;
    if (!index.departments.has(parent)) {
      if (!index.broken.has(parent)) {
        problems.add('unknown-department', where(entry.at, 'parent'), `there is no department "${parent}"`);
      }
      continue;
    }
    const chain = [code];
    let next: string | undefined = parent;
    while (next !== undefined) {
      if (chain.includes(next)) {
        if (next === code) {
          problems.add(
            'department-cycle',
            where(entry.at, 'parent'),
            `departments are their own parents: ${[...chain, next].join(' → ')}`,
          );
        }
        break;
      }
      chain.push(next);
      next = index.departments.get(next)?.value.parent;
    }
  }
}

/**
 * Checks every reference between entries (departments, credential types, materials, common
 * fields, matters) and duplicate codes, and resolves matters for the guide builder. Matters with
 * a problem of their own are left out of the index (and marked broken) so that bundles using
 * them do not repeat the problem.
 */
export function checkReferences(
  raw: RawCatalog,
  problems: Problems,
  hub?: DataHubDirectory,
): CatalogIndex {
  const broken = raw.broken;
  const departments = dedupe(raw.departments, (d) => d.code, 'code', 'department', problems);
  const credentialTypes = dedupe(raw.credentialTypes, (c) => c.type, 'type', 'credential type', problems);
  const materials = dedupe(raw.materials, (m) => m.id, 'id', 'material', problems);
  const commonFields = raw.fields.filter((f) => {
    if (f.value.ref === undefined) return true;
    problems.add('field-ref-in-library', where(f.at, 'ref'), 'a common field must be a full definition, not a ref');
    return false;
  });
  const fields = dedupe(commonFields, (f) => f.name ?? '', 'name', 'common field', problems);
  const codes = new Map<string, Source>();
  const matterEntries = dedupe(raw.matters, (m) => m.code, 'code', 'matter or bundle', problems, codes);
  const bundles = dedupe(raw.bundles, (b) => b.code, 'code', 'matter or bundle', problems, codes);
  const index: CatalogIndex = {
    departments,
    credentialTypes,
    materials,
    fields,
    matters: new Map(),
    bundles,
    broken,
  };
  checkDepartments(index, problems);

  const knownDepartment = (code: string, at: Position): boolean => {
    if (departments.has(code)) return true;
    if (!broken.has(code)) problems.add('unknown-department', at, `there is no department "${code}"`);
    return false;
  };
  const knownCredential = (type: string, at: Position): boolean => {
    if (credentialTypes.has(type)) return true;
    if (!broken.has(type)) {
      problems.add('unknown-credential-type', at, `there is no credential type "${type}" in any credentialTypes: section`);
    }
    return false;
  };

  for (const entry of credentialTypes.values()) {
    const issuer = entry.value.issuer;
    if (issuer !== undefined) knownDepartment(issuer, where(entry.at, 'issuer'));
  }
  for (const entry of materials.values()) {
    const { datahub, credential } = entry.value.satisfiedBy;
    if (datahub) {
      knownDepartment(datahub.source, where(entry.at, 'satisfiedBy', 'datahub', 'source'));
      if (hub?.connects(datahub.source) && !connectedItem(datahub, hub)) {
        problems.add(
          'unknown-data-item',
          where(entry.at, 'satisfiedBy', 'datahub', 'item'),
          `the data hub connects ${datahub.source} but it shares no item "${datahub.item}"`,
        );
      }
      if (datahub.fields) {
        const at = { src: entry.at.src, path: [...entry.at.path, 'satisfiedBy', 'datahub', 'fields'] };
        checkDataFields(datahub, datahub.fields, hub, at, problems);
      }
    }
    if (credential) knownCredential(credential.type, where(entry.at, 'satisfiedBy', 'credential', 'type'));
  }

  for (const [code, entry] of matterEntries) {
    const before = problems.list.length;
    const m = entry.value;
    let department;
    if (m.department === undefined) {
      problems.add(
        'missing-department',
        where(entry.at),
        `matter "${code}" has no department (give department: here or at the top of the file)`,
      );
    } else if (entry.departmentAt && knownDepartment(m.department, where(entry.departmentAt))) {
      department = departments.get(m.department)?.value;
    }
    const resolvedFields = resolveFields(entry, fields, problems, broken);
    const resolvedMaterials = resolveMaterials(entry, materials, problems, broken, hub);
    const outputs = m.outputs.flatMap((type, i) =>
      knownCredential(type, where(entry.at, 'outputs', i))
        ? [credentialTypes.get(type)!.value]
        : [],
    );
    if (m.legalLimit && !promiseWithin(m.promisedLimit, m.legalLimit.workingDays)) {
      problems.add(
        'promised-exceeds-legal',
        where(entry.at, 'promisedLimit'),
        `the promised limit is longer than the legal limit of ${m.legalLimit.workingDays} working days`,
      );
    }
    if (problems.list.length > before || !department) {
      broken.add(code);
      continue;
    }
    const resolved: ResolvedMatter = {
      entry,
      code,
      department,
      fields: resolvedFields,
      materials: resolvedMaterials,
      outputs,
    };
    index.matters.set(code, resolved);
  }
  return index;
}
