import type { BilingualText, FormFormat, SatisfactionWay } from '../../../shared/contracts/catalog.js';
import type { CatalogProblem } from './catalog.errors.js';
import type { Position, Source } from './catalog.locator.js';
import type {
  BundleYaml,
  CredentialTypeYaml,
  DepartmentYaml,
  FieldYaml,
  MaterialYaml,
  MatterYaml,
} from './catalog.yaml-schema.js';

/** An entry of a catalog file after its schema check, with where it came from. */
export interface Entry<T> {
  value: T;
  at: Source;
}

/** A matter entry whose department may come from the file's `department:`. */
export interface MatterEntry extends Entry<MatterYaml> {
  /** Where the department code was written (the matter's own key or the file's). */
  departmentAt: Source | undefined;
}

/** Everything the files hold, before cross-file checks. */
export interface RawCatalog {
  departments: Entry<DepartmentYaml>[];
  credentialTypes: Entry<CredentialTypeYaml>[];
  materials: Entry<MaterialYaml>[];
  fields: Entry<FieldYaml>[];
  matters: MatterEntry[];
  bundles: Entry<BundleYaml>[];
  /**
   * Codes and ids of entries that failed their own schema. References to them are not reported
   * as unknown, because the author already has a problem to fix there.
   */
  broken: Set<string>;
}

/** The problems found so far; loading fails at the end if there is any. */
export class Problems {
  readonly list: CatalogProblem[] = [];

  /** Records one problem at a position. */
  add(rule: string, at: Position, message: string): void {
    this.list.push({ ...at, rule, message });
  }
}

/** One item schema of an array field, normalised. */
export interface ItemDef {
  type: 'string' | 'integer' | 'number' | 'boolean';
  format?: FormFormat;
  pattern?: string;
  enum?: { value: string; label?: BilingualText }[];
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
}

/** A form field as a matter asks it, with `ref`s resolved to the common field. */
export interface FieldDef extends Omit<ItemDef, 'type'> {
  name: string;
  type: ItemDef['type'] | 'array';
  title: BilingualText;
  description?: BilingualText;
  required: boolean;
  items?: ItemDef;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
  /** Where the field is defined (the common field for a `ref`). */
  definedAt: Source;
  /** Where the matter asks it. */
  askedAt: Source;
}

/**
 * What the catalog knows of the data hub (公共数据平台): which source departments it connects
 * and the fields of their items. Without one, every source counts as connected and fields are
 * not checked (catalogs checked on their own, in tests).
 */
export interface DataHubDirectory {
  /** Whether the hub connects this source department at all. */
  connects(source: string): boolean;
  /** The fields of an item of a connected source, or undefined when the hub has no such item. */
  fields(source: string, item: string): readonly string[] | undefined;
}

/** A material as a matter needs it, joined with its library entry. */
export interface MaterialUse {
  id: string;
  library: MaterialYaml;
  essential: boolean;
  allowMissing: boolean;
  /** The library's ways, narrowed by the matter, in the platform's order of preference. */
  ways: SatisfactionWay[];
  /**
   * The data item's fields this matter needs (its own `fields:`, else the material's
   * `datahub.fields`); null when none are declared or the matter does not use the data hub.
   */
  datahubFields: string[] | null;
  /**
   * False when the material's data item is in a source the hub does not connect: it is then
   * asked from the applicant, and `ways` still say what the YAML declares.
   */
  connected: boolean;
  condition?: BilingualText;
  at: Source;
}

/** A matter after its references are resolved. */
export interface ResolvedMatter {
  entry: MatterEntry;
  code: string;
  department: DepartmentYaml;
  fields: FieldDef[];
  materials: MaterialUse[];
  outputs: CredentialTypeYaml[];
}

/** The valid entries by code, first definition winning over duplicates. */
export interface CatalogIndex {
  departments: Map<string, Entry<DepartmentYaml>>;
  credentialTypes: Map<string, Entry<CredentialTypeYaml>>;
  materials: Map<string, Entry<MaterialYaml>>;
  fields: Map<string, Entry<FieldYaml>>;
  matters: Map<string, ResolvedMatter>;
  bundles: Map<string, Entry<BundleYaml>>;
  broken: Set<string>;
}
