import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import type { Principal } from '../../platform/http/index.js';
import { ErrorBodySchema } from '../../../shared/contracts/index.js';
import type { DocumentsService, PrintedDocument } from './documents.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64).describe('Application id') });
const CredentialParams = z.object({ id: z.string().min(1).max(64).describe('Credential id') });
// Fastify sends a Buffer as it is (no serializer runs); the schema only documents it.
const PdfSchema = z
  .custom<Buffer>((v) => Buffer.isBuffer(v))
  .meta({ type: 'string', format: 'binary', description: 'The document (application/pdf)' });
const responses = {
  200: PdfSchema,
  401: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  503: ErrorBodySchema,
};

const ROUTES: {
  path: string;
  summary: string;
  print: (d: DocumentsService, p: Principal, id: string) => Promise<PrintedDocument>;
  tag?: string;
  params?: typeof CredentialParams;
}[] = [
  {
    path: '/api/v1/applications/:id/receipt.pdf',
    summary:
      '受理回执: the acceptance receipt as PDF (accepted, paused or completed applications; otherwise 409 DOCUMENTS_NOT_AVAILABLE)',
    print: (d, p, id) => d.receipt(p, id),
  },
  {
    path: '/api/v1/applications/:id/notice.pdf',
    summary:
      '一次性告知书: the one-time notice as PDF, every missing material at once (deficient applications only)',
    print: (d, p, id) => d.notice(p, id),
  },
  {
    path: '/api/v1/applications/:id/hand-over.pdf',
    summary:
      '出件单: the result hand-over slip as PDF, to sign at pick-up (completed applications only)',
    print: (d, p, id) => d.handOverSlip(p, id),
  },
  {
    path: '/api/v1/me/credentials/:id/paper.pdf',
    summary:
      '电子证照纸质件: the holder prints a licence, proof, decision or record with a QR code of a paper copy (no holder key, every claim disclosed); identity certificates have none (409 CREDENTIAL_NO_PAPER), nor revoked, suspended or expired ones (409)',
    print: (d, p, id) => d.credentialPaper(p, id),
    tag: 'credentials',
    params: CredentialParams,
  },
];

/**
 * The printable documents of an application (whoever may read the application may print
 * them) and the paper form of the signed-in holder's own credential.
 */
export function registerDocumentsRoutes(
  app: HttpServer,
  deps: { documents: DocumentsService },
): void {
  for (const route of ROUTES) {
    app.get(
      route.path,
      {
        schema: {
          tags: [route.tag ?? 'applications'],
          summary: route.summary,
          produces: ['application/pdf'],
          params: route.params ?? IdParams,
          response: responses,
        },
      },
      async (request, reply) => {
        const printed = await route.print(
          deps.documents,
          requirePrincipal(request),
          request.params.id,
        );
        return (
          reply
            .type('application/pdf')
            // inline: the browser shows it and its print dialog prints it; the name is the
            // document's own (受理回执-YCB….pdf) when saved.
            .header(
              'content-disposition',
              `inline; filename*=UTF-8''${encodeURIComponent(printed.filename)}`,
            )
            // The documents carry personal data and reflect the application's current state.
            .header('cache-control', 'private, no-store')
            .send(printed.pdf)
        );
      },
    );
  }
}
