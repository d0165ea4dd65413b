import type {
  BundleGuide,
  BundleListQuery,
  BundleSummary,
  Department,
  MatterGuide,
  MatterSearchQuery,
  MatterSummary,
} from '../../../shared/contracts/catalog.js';
import type { FieldIssue } from '../../platform/errors/index.js';
import { bundleNotFound, matterNotFound } from './catalog.errors.js';
import type { Catalog } from './catalog.model.js';
import { validateForm, type ValidateFormOptions } from './form.validator.js';

/** What an application is for: one matter or one bundle. */
export type GuideRef = { matter: string; bundle?: undefined } | { bundle: string; matter?: undefined };

/** The catalog's use cases, for routes, the CLI and other modules (cases checks forms here). */
export interface CatalogService {
  listDepartments(): Department[];
  searchMatters(query: MatterSearchQuery): MatterSummary[];
  /** Throws NotFoundError `CATALOG_MATTER_NOT_FOUND`. */
  getMatter(code: string): MatterGuide;
  listBundles(query?: BundleListQuery): BundleSummary[];
  /** Throws NotFoundError `CATALOG_BUNDLE_NOT_FOUND`. */
  getBundle(code: string): BundleGuide;
  /** The guide of a matter or bundle; throws the matching NotFoundError. */
  getGuide(ref: GuideRef): MatterGuide | BundleGuide;
  /** Every problem of a submitted form against the guide's merged form (`form.<field>` paths). */
  checkForm(ref: GuideRef, form: unknown, options?: ValidateFormOptions): FieldIssue[];
}

/** Creates the catalog service over a loaded catalog (the catalog is read-only; no repository). */
export function createCatalogService(deps: { catalog: Catalog }): CatalogService {
  const { catalog } = deps;
  const getMatter = (code: string): MatterGuide => {
    const guide = catalog.matter(code);
    if (!guide) throw matterNotFound(code);
    return guide;
  };
  const getBundle = (code: string): BundleGuide => {
    const guide = catalog.bundle(code);
    if (!guide) throw bundleNotFound(code);
    return guide;
  };
  const getGuide = (ref: GuideRef) =>
    ref.bundle !== undefined ? getBundle(ref.bundle) : getMatter(ref.matter);
  return {
    listDepartments: () => [...catalog.departments],
    searchMatters: (query) => catalog.searchMatters(query),
    getMatter,
    listBundles: (query = {}) => catalog.searchBundles(query),
    getBundle,
    getGuide,
    checkForm: (ref, form, options) => validateForm(getGuide(ref).form, form, options),
  };
}
