export {
  createDocumentsService,
  DEFAULT_OFFICE,
  type DocumentsService,
  type PrintedDocument,
} from './documents.service.js';
export { registerDocumentsRoutes } from './documents.routes.js';
export { createFontLoader, locateCjkFont, type LocatedFonts } from './font-locator.js';
export type { LoadedFont } from './pdf-sheet.js';
export { trackingUrl } from './documents.text.js';
export { DocumentErrors } from './documents.errors.js';
