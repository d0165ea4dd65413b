import { randomBytes, randomUUID } from 'node:crypto';

/** The port through which all code makes identifiers and random tokens. */
export interface IdGenerator {
  /** A new unique id (UUID v4). */
  id(): string;
  /** `bytes` random bytes as base64url, for session tokens and secrets. */
  token(bytes?: number): string;
}

/** Ids from the operating system's CSPRNG. */
export const randomIds: IdGenerator = {
  id: () => randomUUID(),
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};

/** Predictable ids (`prefix-1`, `prefix-2`, …) for reproducible tests. */
export function sequentialIds(prefix = 'id'): IdGenerator {
  let n = 0;
  return {
    id: () => `${prefix}-${String(++n).padStart(6, '0')}`,
    token: (bytes = 32) => Buffer.alloc(bytes, ++n % 256).toString('base64url'),
  };
}
