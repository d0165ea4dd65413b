import { z } from 'zod';

/** 201 answer of POST /api/v1/files. */
export const StoredFileSchema = z.object({
  fileId: z.string().describe('Id to cite in an application’s `materials[].fileId`'),
  sha256: z.string().describe('SHA-256 of the bytes (hex); files are stored by it'),
  size: z.number().int().describe('Size in bytes'),
  mediaType: z.string().describe('Media type judged from the content, e.g. `application/pdf`'),
  name: z.string().describe('The file name as uploaded'),
});
export type StoredFile = z.infer<typeof StoredFileSchema>;
