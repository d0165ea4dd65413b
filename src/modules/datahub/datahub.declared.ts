import type { CaseDefinition } from '../cases/index.js';
import { DatahubErrors } from './datahub.errors.js';
import { findItem, type DataItem } from './datahub.items.js';

/*
 * Field-level minimisation (最小必要): a matter declares, per material, the fields of the data
 * item it needs; nothing else is fetched, previewed or answered. The declarations are frozen
 * into an application's definition; a definition frozen before fields were declared falls back
 * to the current catalog's, and declares nothing when that has none either.
 */

/** The declared fields that `item` has, in the item's order (none declared: none). Throws nothing. */
export function declaredFields(item: DataItem, declared: readonly string[] | undefined): string[] {
  return item.fields.map((f) => f.name).filter((name) => declared?.includes(name) ?? false);
}

type DefinitionMaterial = CaseDefinition['materials'][number];

/** Whether a material of the definition is fetched from the data hub. */
const fetched = (m: DefinitionMaterial): m is DefinitionMaterial & { datahub: object } =>
  m.satisfiedBy.includes('datahub') && m.datahub !== undefined;

/**
 * What each data item may be queried for by `department` on an application of `def`: the
 * union of the fields its steps' matters declare, by `source/item`. An item none of its
 * steps' materials fetch is absent. Throws nothing.
 */
export function declaredForDepartment(
  def: CaseDefinition,
  department: string,
  current: CaseDefinition | undefined,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const steps = def.steps.filter((s) => s.department === department);
  for (const m of def.materials.filter(fetched)) {
    const mine = steps.filter((s) => m.steps.length === 0 || m.steps.includes(s.id));
    if (mine.length === 0) continue;
    const byStep =
      m.datahub.fieldsByStep ??
      current?.materials.find((c) => c.id === m.id)?.datahub?.fieldsByStep;
    const key = `${m.datahub.source}/${m.datahub.item}`;
    const fields = out.get(key) ?? new Set<string>();
    for (const s of mine) for (const f of byStep?.[s.id] ?? []) fields.add(f);
    out.set(key, fields);
  }
  return out;
}

/** One item of a query as asked. */
export interface AskedItem {
  source: string;
  item: string;
  fields?: string[];
}

/**
 * The items and fields a query may read: the asked fields, or the declared ones when it names
 * none (never the whole item). Throws DATAHUB_ITEM_UNKNOWN (422) for an item the hub does not
 * have, DATAHUB_FIELD_NOT_DECLARED (403) for an item the department's matters do not fetch or a
 * field the item does not have, DATAHUB_FIELD_NOT_ALLOWED (403) naming a field of the item
 * beyond the declaration.
 */
export function allowedReads(
  asked: AskedItem[],
  declared: Map<string, Set<string>>,
): { item: DataItem; fields: string[] }[] {
  return asked.map((q, i) => {
    const key = `${q.source}/${q.item}`;
    const item = findItem(q.source, q.item);
    if (!item) throw DatahubErrors.unknownItem(key);
    const allowed = declared.get(key);
    if (!allowed || allowed.size === 0) throw DatahubErrors.notDeclared(key);
    const names = new Set(item.fields.map((f) => f.name));
    const inOrder = item.fields.map((f) => f.name).filter((n) => allowed.has(n));
    if (!q.fields) return { item, fields: inOrder };
    q.fields.forEach((f, j) => {
      if (!names.has(f)) throw DatahubErrors.notDeclared(`${key}.${f}`);
      if (!allowed.has(f))
        throw DatahubErrors.fieldNotAllowed(key, f, inOrder, `items.${i}.fields.${j}`);
    });
    return { item, fields: [...new Set(q.fields)] };
  });
}
