import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { LoadedFont } from './pdf-sheet.js';

/** A font file, and for a collection (.ttc) the PostScript name of the face to use. */
export interface FontRef {
  path: string;
  face: string | undefined;
}

/** Where the fonts of printed documents are; either may be absent (bold falls back to regular). */
export interface LocatedFonts {
  /** `file` or `file.ttc#PostScriptName`. */
  fontPath?: string;
  boldFontPath?: string;
}

// Known places of Noto Sans CJK (思源黑体) by distribution; the Simplified Chinese face of
// each collection, because the simplified and traditional forms of many characters differ.
const DIRS = [
  '/usr/share/fonts/opentype/noto', // Debian, Ubuntu: fonts-noto-cjk
  '/usr/share/fonts/noto-cjk', // Arch: noto-fonts-cjk
  '/usr/share/fonts/google-noto-sans-cjk-fonts', // Fedora
  '/usr/share/fonts/noto', // Alpine: font-noto-cjk
];
const CANDIDATES = [
  ...DIRS.map((dir) => ({
    regular: `${dir}/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular`,
    bold: `${dir}/NotoSansCJK-Bold.ttc#NotoSansCJKsc-Bold`,
  })),
  {
    regular: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular',
    bold: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc#NotoSerifCJKsc-Bold',
  },
];

/** Splits `file.ttc#Face` into the file and the face; a collection without a face gets Noto's SC face. */
export function parseFontRef(ref: string): FontRef {
  const hash = ref.lastIndexOf('#');
  const path = hash > 0 ? ref.slice(0, hash) : ref;
  const given = hash > 0 ? ref.slice(hash + 1) : '';
  const face = given || (/\.ttc$/i.test(path) ? 'NotoSansCJKsc-Regular' : undefined);
  return { path, face };
}

/**
 * Finds the fonts for printed documents: ONETRIP_PDF_FONT (and ONETRIP_PDF_FONT_BOLD) when
 * set — a .ttf/.otf, or a .ttc as `file.ttc#PostScriptName` — otherwise Noto Sans CJK where
 * the usual packages install it. Returns no fontPath when nothing exists; the documents
 * service then answers 503 DOCUMENTS_FONT_MISSING rather than print boxes. A configured
 * font that does not exist is not replaced by a guess: the operator asked for that one.
 */
export function locateCjkFont(
  env: Record<string, string | undefined>,
  exists: (path: string) => boolean = fs.existsSync,
): LocatedFonts {
  const found = (ref: string | undefined) =>
    ref && exists(parseFontRef(ref).path) ? ref : undefined;
  const configured = env.ONETRIP_PDF_FONT?.trim();
  if (configured) {
    const fontPath = found(configured);
    const boldFontPath = found(env.ONETRIP_PDF_FONT_BOLD?.trim());
    return {
      ...(fontPath ? { fontPath } : {}),
      ...(fontPath && boldFontPath ? { boldFontPath } : {}),
    };
  }
  for (const c of CANDIDATES) {
    if (!found(c.regular)) continue;
    const bold = found(c.bold);
    return { fontPath: c.regular, ...(bold ? { boldFontPath: bold } : {}) };
  }
  return {};
}

/**
 * Reads fonts once per reference and keeps them (a CJK collection is tens of megabytes); a
 * font that cannot be read throws `missing()` and is tried again next time.
 */
export function createFontLoader(missing: () => Error): (ref: string) => Promise<LoadedFont> {
  const cache = new Map<string, Promise<LoadedFont>>();
  return (ref) => {
    let font = cache.get(ref);
    if (!font) {
      const { path, face } = parseFontRef(ref);
      font = readFile(path).then(
        (data) => ({ data, face }),
        () => {
          cache.delete(ref);
          throw missing();
        },
      );
      cache.set(ref, font);
    }
    return font;
  };
}
