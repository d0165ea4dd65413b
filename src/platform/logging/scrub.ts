import { maskIdNumbersIn } from './id-scan.js';

/**
 * Keys whose value is never logged, at any depth: any key naming an identity number
 * (`idNumber`, `id_number`, `fatherIdNumber`, `legalRepIdNumber`, `idCard`, `subjectKey`, …)
 * and `detail`, where PostgreSQL puts the offending row of a constraint violation
 * ("Key (id_number)=(…) already exists").
 */
export const REDACTED_KEY = /^(?:\w*(?:id_?numbers?|id_?cards?|subject_?keys?)\w*|detail)$/i;

/** The field the scrub adds to a line whose text still held identity numbers: a leak to fix. */
export const MASKED_FIELD = 'maskedIdNumbers';

const CENSOR = '"[redacted]"';

// A JSON key; inside a JSON string a quote is escaped, so `"name":` only ever starts a key.
const KEY = /"([\w$]+)":/g;

/** The index just past the JSON value that starts at `i` (a string, object, array or literal). */
function valueEnd(line: string, i: number): number {
  let depth = 0;
  let inString = false;
  for (let j = i; j < line.length; j++) {
    const c = line[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) return j + 1;
      }
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return j;
      depth--;
      if (depth === 0) return j + 1;
    } else if (c === ',' && depth === 0) return j;
  }
  return line.length;
}

/**
 * Scrubs one serialized (JSON) log line: the value of every key {@link REDACTED_KEY} names
 * becomes `"[redacted]"`, then any identity number left anywhere in the text is masked
 * (`330681********1233`) and counted in a `maskedIdNumbers` field, which marks a leak to fix
 * where it is logged. Lines that are not JSON objects are masked but not marked. Never throws.
 */
export function scrubLogLine(line: string): string {
  let out = '';
  let from = 0;
  KEY.lastIndex = 0;
  for (let m = KEY.exec(line); m !== null; m = KEY.exec(line)) {
    const start = m.index + m[0].length;
    if (!REDACTED_KEY.test(m[1] ?? '') || line.startsWith('null', start)) continue;
    const end = valueEnd(line, start);
    out += line.slice(from, start) + CENSOR;
    from = end;
    KEY.lastIndex = end;
  }
  const { text, masked } = maskIdNumbersIn(out + line.slice(from));
  if (masked === 0) return text;
  const close = text.lastIndexOf('}');
  if (close < 0 || !text.startsWith('{')) return text;
  return `${text.slice(0, close)},"${MASKED_FIELD}":${masked}${text.slice(close)}`;
}
