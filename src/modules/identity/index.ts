export type { IdentityTables } from './identity.tables.js';
export { createIdentityRepo, type IdentityRepo } from './identity.repo.js';
export {
  createIdentityService,
  type IdentityService,
  type NewAccount,
} from './identity.service.js';
export { createRegistryService, type RegistryService } from './registry.service.js';
export { registerIdentityRoutes } from './identity.routes.js';
export { IdentityErrors } from './identity.errors.js';
export { maskIdNumber, maskPhone } from './mask.js';
export { currentTotp, totpUri } from './totp.js';
export { parseIdNumber, validateIdNumber, buildIdNumber } from './id-number.js';
export { parseCreditCode, validateCreditCode, buildCreditCode } from './credit-code.js';
