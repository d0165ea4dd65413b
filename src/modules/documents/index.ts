export {
  createDocumentsService,
  DEFAULT_OFFICE,
  type DocumentsService,
  type PrintedDocument,
} from './documents.service.js';
export { registerDocumentsRoutes } from './documents.routes.js';
export { locateCjkFont, type LocatedFonts } from './font-locator.js';
export { trackingUrl } from './documents.text.js';
export { DocumentErrors } from './documents.errors.js';
