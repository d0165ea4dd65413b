/*
 * The catalog module: departments, matters (事项) and bundles (一件事) as versioned YAML data in
 * `catalog/`, validated at load, with computed guides and search. The only import surface for
 * other modules.
 */
export { loadCatalog, type LoadCatalogOptions } from './catalog.loader.js';
export type {
  Catalog,
  CatalogStats,
  CredentialTypeInfo,
  MatterQuery,
  BundleQuery,
  UnconnectedMaterial,
} from './catalog.model.js';
export type { DataHubDirectory } from './catalog.types.js';
export { CatalogError, formatProblem, type CatalogProblem } from './catalog.errors.js';
export {
  createCatalogService,
  type CatalogService,
  type GuideRef,
} from './catalog.service.js';
export { registerCatalogRoutes } from './catalog.routes.js';
export { validateForm, type ValidateFormOptions } from './form.validator.js';
