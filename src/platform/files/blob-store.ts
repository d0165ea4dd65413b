import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where attachments live, addressed by the SHA-256 of their bytes (so a file is stored once). */
export interface BlobStore {
  /** Stores bytes and returns their SHA-256 (hex). Storing the same bytes twice keeps one copy. */
  put(bytes: Buffer): Promise<string>;
  /** The bytes of a stored blob, or null if absent. */
  get(sha256: string): Promise<Buffer | null>;
}

/** A BlobStore in a folder (`<root>/ab/cd/abcd…`), written atomically through a temp file. */
export function createFsBlobStore(root: string): BlobStore {
  const fileOf = (sha: string) => path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  return {
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const target = fileOf(sha);
      if (fs.existsSync(target)) return sha;
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fs.promises.writeFile(tmp, bytes);
      await fs.promises.rename(tmp, target);
      return sha;
    },
    async get(sha) {
      if (!/^[0-9a-f]{64}$/.test(sha)) return null;
      try {
        return await fs.promises.readFile(fileOf(sha));
      } catch {
        return null;
      }
    },
  };
}

/** The media types the platform accepts as attachments, recognised from their first bytes. */
export type SniffedType =
  'application/pdf' | 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/ofd';

/**
 * The media type of a file judged from its content (magic numbers), never from its name or
 * the client's claim; null when it is none of the accepted kinds.
 */
export function sniffMediaType(bytes: Buffer): SniffedType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  // OFD (GB/T 33190, China's fixed-layout document format) is a ZIP holding OFD.xml at its root.
  if (starts([0x50, 0x4b, 0x03, 0x04]) && bytes.subarray(0, 512).includes('OFD.xml'))
    return 'application/ofd';
  return null;
}
