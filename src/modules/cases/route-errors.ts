import { ErrorBodySchema } from '../../../shared/contracts/index.js';

/** The error answers the case engine's routes declare: the one error body for each status. */
export const caseErrorResponses = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};
