/*
 * The datahub module (公共数据平台): source departments' data behind one adapter interface,
 * purpose-bound queries recorded in the ledger, materials satisfied by data at submission,
 * the person's view of who read their data, e-proofs and the synthetic population.
 * The only import surface for other modules.
 */
export type { DatahubTables } from './datahub.tables.js';
export {
  DATA_ITEMS,
  DATA_SOURCES,
  findItem,
  HUB_DIRECTORY,
  type DataItem,
  type DataSourceInfo,
  type ItemField,
  type Sensitivity,
} from './datahub.items.js';
export {
  builtinSource,
  httpSource,
  DataSourceUnavailable,
  type DataSource,
  type FetchContext,
  type HttpSourceOptions,
} from './datahub.sources.js';
export { createDatahubRepo, type DatahubRepo } from './datahub.repo.js';
export { DatahubErrors } from './datahub.errors.js';
export {
  createDatahubService,
  type DatahubService,
  type DatahubDeps,
  type DatahubQuery,
  type PurposeApplicationsPort,
} from './datahub.service.js';
export {
  createDatahubRequestsService,
  SUPERVISION_DEPARTMENT,
  type DatahubRequestsService,
} from './datahub.requests.js';
export { noProofStats, type GuideNoProof, type StatsGuide } from './datahub.stats.js';
export { registerDatahubRoutes } from './datahub.routes.js';
export { seedDatahubDemo } from './datahub.demo.js';
export {
  personRecords,
  birthRecords,
  companyRecords,
  type PersonProfile,
  type BirthProfile,
  type CompanyProfile,
} from './datahub.synthetic.js';
export { assembleDatahub, type Datahub } from './datahub.assemble.js';
export { generatePopulation, seedPopulation, type PopulationReport } from './datahub.population.js';
export { createProofsService, type ProofsService } from './datahub.proofs.js';
export { PROOF_TEMPLATES, type ProofTemplate } from './datahub.proof-templates.js';
export { ed25519JwsSigner, type JwsSigner } from './datahub.jws.js';
export { accessData, accessIndexCheck } from './datahub.index-check.js';
