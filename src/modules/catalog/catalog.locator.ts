import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A path into a parsed YAML document, as zod reports it (`['matters', 3, 'materials', 0]`). */
export type YamlPath = readonly PropertyKey[];

/** A place in a catalog file, 1-based as editors show it. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

/** One parsed catalog file and what is needed to turn paths back into lines. */
export interface SourceFile {
  /** The path shown in problems. */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Where an entry came from: its file and its path inside it. */
export interface Source {
  src: SourceFile;
  path: YamlPath;
}

function keyOf(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/**
 * Finds the position of `path` in the document. A path that goes further than the document
 * (a key that is missing) lands on the deepest node that exists, which is where the author has
 * to add it. `onKey` points at the key of the last map entry instead of its value, which is the
 * right place for "unknown key" problems.
 */
export function locate(source: SourceFile, path: YamlPath, onKey = false): Position {
  const { doc } = source;
  let node: unknown = doc.contents;
  let at: Node | null = isNode(node) ? node : null;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => String(keyOf(p.key)) === String(segment));
      if (!pair) break;
      const last = i === path.length - 1;
      const keyNode = isNode(pair.key) ? pair.key : null;
      if (last && onKey && keyNode) {
        at = keyNode;
        break;
      }
      node = pair.value;
      at = isNode(node) ? node : (keyNode ?? at);
    } else if (isSeq(node)) {
      const index = typeof segment === 'number' ? segment : Number(segment);
      const item: unknown = Number.isInteger(index) ? node.items[index] : undefined;
      if (item === undefined) break;
      node = isPair(item) ? item.value : item;
      if (isNode(node)) at = node;
    } else {
      break;
    }
  }
  const offset = at?.range?.[0] ?? 0;
  const { line, col } = source.lineCounter.linePos(offset);
  return { file: source.file, line, column: col };
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && 'range' in value && Array.isArray(value.range)
  );
}

/** The position of a source, optionally of a path below it. */
export function where(source: Source, ...sub: PropertyKey[]): Position {
  return locate(source.src, [...source.path, ...sub]);
}

/** Formats a path the way authors read it: `matters[3].materials[0]`. */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}
