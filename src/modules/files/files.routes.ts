import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import { ErrorBodySchema, StoredFileSchema } from '../../../shared/contracts/index.js';
import { FilesErrors } from './files.errors.js';
import type { FilesService } from './files.service.js';

/** POST /api/v1/files (multipart, field `file`) and GET /api/v1/files/{id}. */
export async function registerFilesRoutes(
  app: HttpServer,
  deps: { files: FilesService },
): Promise<void> {
  const { files } = deps;
  await app.register(fastifyMultipart, {
    limits: { fileSize: files.maxBytes, files: 1, fields: 5 },
  });

  app.post(
    '/api/v1/files',
    {
      schema: {
        tags: ['files'],
        summary:
          'Upload an attachment (multipart/form-data, field `file`); type is checked by content',
        consumes: ['multipart/form-data'],
        response: {
          201: StoredFileSchema,
          401: ErrorBodySchema,
          413: ErrorBodySchema,
          422: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const owner = requirePrincipal(request);
      if (!request.isMultipart()) throw FilesErrors.missing();
      const part = await request.file();
      if (!part || part.fieldname !== 'file') throw FilesErrors.missing();
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw FilesErrors.tooLarge(files.maxBytes);
        throw error;
      }
      const stored = await files.upload(owner, part.filename, bytes);
      return reply.status(201).send(stored);
    },
  );

  app.get(
    '/api/v1/files/:id',
    {
      schema: {
        tags: ['files'],
        summary:
          'Download an attachment: its uploader, the accepting clerk, staff of a department with a task on an application holding it, or supervision; staff reads are logged for the applicant',
        params: z.object({ id: z.string().min(1).max(64).describe('File id') }),
      },
    },
    async (request, reply) => {
      const { file, bytes } = await files.download(requirePrincipal(request), request.params.id);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'private, max-age=3600')
        .send(bytes);
    },
  );
}
