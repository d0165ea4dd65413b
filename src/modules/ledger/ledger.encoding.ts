// Small strict codecs shared by the note, checkpoint and cosignature code. Internal: not
// exported from index.ts.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard padded base64 (RFC 4648 §4), or returns undefined. Node's own decoder skips
 * junk and accepts missing padding, which would let two spellings name the same signature.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero bits in the last character's padding would give a second spelling.
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** True for an integer in [0, 2^53): what a tree size, index or timestamp may be here. */
export function isSafeUint(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True if the string has no unpaired surrogate, i.e. it has a UTF-8 encoding. */
export function isWellFormedUnicode(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 without replacing bad sequences, or returns undefined. Keeps a BOM. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The decimal ASCII form of a uint with no leading zeroes, as the C2SP formats require. */
export const CANONICAL_DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** True if the text has a character below U+0020 other than, when allowed, the newline. */
export function hasControlCharacter(text: string, allowNewline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(allowNewline && c === 0x0a)) return true;
  }
  return false;
}
