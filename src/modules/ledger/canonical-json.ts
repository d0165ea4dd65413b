import { isWellFormedUnicode } from './ledger.encoding.js';
import { LedgerFormatError } from './ledger.errors.js';

// RFC 8785 JSON Canonicalization Scheme (JCS): no whitespace, object members sorted by the
// UTF-16 code units of their names, strings and numbers serialised as ECMAScript's
// JSON.stringify does (RFC 8785 §3.2.2 defines them by that very algorithm). Input is limited
// to I-JSON (RFC 7493): anything JSON.stringify would silently drop or convert is refused,
// because a ledger entry must never differ from what its writer meant.

function refuse(path: string, en: string, zh: string): LedgerFormatError {
  return new LedgerFormatError(
    'LEDGER_NOT_CANONICALIZABLE',
    { zh: `无法规范化 JSON（${path}）：${zh}`, en: `cannot canonicalize JSON at ${path}: ${en}` },
    { path },
  );
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw refuse(path, `${value} is not a JSON number`, `${value} 不是 JSON 数值`);
      }
      return JSON.stringify(value);
    case 'string':
      if (!isWellFormedUnicode(value)) {
        throw refuse(path, 'lone surrogate in a string', '字符串含孤立代理项');
      }
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return serializeContainer(value, path, ancestors);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw refuse(path, `a ${typeof value} is not a JSON value`, `${typeof value} 不是 JSON 值`);
  }
}

function serializeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw refuse(path, 'the value contains itself', '值存在循环引用');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw refuse(`${path}[${i}]`, 'a hole in an array', '数组有空位');
        items.push(serialize(value[i], `${path}[${i}]`, ancestors));
      }
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw refuse(path, 'only plain objects and arrays are JSON', '只接受普通对象和数组');
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw refuse(path, 'symbol keys are not JSON', '符号键不是 JSON');
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort(byCodeUnits)
      .map((key) => {
        const at = `${path}.${key}`;
        if (!isWellFormedUnicode(key)) {
          throw refuse(at, 'lone surrogate in a member name', '成员名含孤立代理项');
        }
        return `${JSON.stringify(key)}:${serialize(record[key], at, ancestors)}`;
      });
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

/** The RFC 8785 canonical JSON text of a JSON value; throws LedgerFormatError (LEDGER_NOT_CANONICALIZABLE) for non-I-JSON input. */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', new Set());
}

/** The UTF-8 bytes of canonicalJson(value), what is hashed or signed; throws as canonicalJson. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
