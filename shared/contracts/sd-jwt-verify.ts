// The one verifier of e-credentials (docs/credentials.md, "Verifying"): SD-JWT VC (RFC 9901,
// draft-ietf-oauth-sd-jwt-vc) with key binding and IETF Token Status List. Pure TypeScript:
// no node: imports and no DOM-only APIs, so the server and the verifier page (offline) run the
// same code; crypto, trust and status data come in through ports.
import {
  CREDENTIAL_ALGS,
  CREDENTIAL_TYP,
  KB_FRESHNESS_SECONDS,
  OFFLINE_AUDIENCE,
  OFFLINE_PRESENTATION_SECONDS,
  STATUS_LIST_TYP,
  typeOfVct,
  type VerificationCheck,
  type VerificationCheckName,
  type VerificationResult,
} from './credentials.js';

/** A message a person reads, in Chinese and English. */
export interface VerifyText {
  zh: string;
  en: string;
}

/** A public JWK as far as the verifier reads it (EC P-256 for ES256). */
export interface JwkLike {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  kid?: string;
  alg?: string;
  use?: string;
}
/** The JWK type the crypto port receives. */
export type JsonWebKeyLike = JwkLike;

/** Which signature a verify call checks: backends may cache issuer signatures (same bytes, same answer). */
export type SignatureRole = 'issuer' | 'holder' | 'status';

/** The crypto the verifier needs (node:crypto on the server, WebCrypto in the browser). */
export interface VerifyCrypto {
  sha256(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** ES256 over `data`; `signature` is the 64-byte r||s of JWS. Must return false, not throw, on a bad key. */
  verifyEs256(
    jwk: JsonWebKeyLike,
    data: Uint8Array,
    signature: Uint8Array,
    role?: SignatureRole,
  ): boolean | Promise<boolean>;
  /** zlib (RFC 1950) inflate, as status lists are compressed. */
  inflate(zlib: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** A status list as the verifier uses it: verified, inflated, and when it was fetched. */
export interface StatusListData {
  bits: number;
  list: Uint8Array;
  fetchedAt: string;
}

/** Whom the verifier trusts: our issuer id, our keys, our types and our status lists. */
export interface VerifyTrust {
  /** The expected `iss` (the platform's public URL). */
  issuer: string;
  /** A key of our trust list (the JWKS) by `kid`, or null. */
  key(kid: string): JwkLike | null | Promise<JwkLike | null>;
  /** A credential type's name and the department that issues it (null: any department). */
  typeInfo(type: string): { name: VerifyText; issuer: string | null } | null;
  departmentName(code: string): string;
  /** The status list at `uri`, verified (see verifyStatusListToken), or why it is not available. */
  statusList(uri: string): Promise<StatusListData | { error: VerifyText }>;
}

/** What a verification is checked against. */
export interface VerifyOptions {
  now: Date;
  /** The request's clientId (request mode); holder-qr uses OFFLINE_AUDIENCE. */
  audience: string;
  /** The request's one-time nonce (request mode). */
  nonce?: string;
  /** Claims that must be disclosed. */
  requiredClaims?: string[];
  /** Credential types accepted (a request's types); any of ours when absent. */
  types?: string[];
  mode: 'request' | 'holder-qr';
  /** Whether a replay key was accepted before (the server's table, or the page's own record). */
  seen?(key: string): boolean | Promise<boolean>;
}

/** What verifyPresentation answers. */
export interface PresentationVerification {
  result: Omit<VerificationResult, 'id' | 'verifiedAt'>;
  /** The status slot of the copy presented (once the signature holds), to find the credential. */
  copy: { uri: string; idx: number } | null;
  /** Store this once the presentation is accepted; null for a paper copy or a refusal. */
  replayKey: string | null;
  /** Until when the replay key matters (after that the KB-JWT fails freshness anyway). */
  replayUntil: string | null;
  mode: 'request' | 'holder-qr' | 'paper';
  /** The credential type, once the signature holds. */
  type: string | null;
  /**
   * The names of the claims the presentation disclosed, once its disclosures check out (also
   * when a later check fails: the verifier saw them), for the holder's history. Never values.
   */
  disclosedNames: string[];
}

/** A verified status list token. */
export interface StatusListToken {
  bits: number;
  list: Uint8Array;
  ttl: number | null;
  exp: number | null;
}

/** A compact JWS split and decoded. */
export interface ParsedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `<header>.<payload>` as sent: the signed bytes. */
  signingInput: string;
  signature: Uint8Array;
}

/** An SD-JWT (+KB) split into its parts. */
export interface ParsedSdJwt {
  jwt: ParsedJwt;
  /** The issuer-signed JWT as sent. */
  issuerJwt: string;
  disclosures: string[];
  /** The KB-JWT as sent, or null (`…~` with nothing after the last `~`). */
  kbJwt: string | null;
  /** Everything up to and including the last `~`: what `sd_hash` covers. */
  sdHashInput: string;
}

/** A disclosure decoded. */
export interface Disclosure {
  raw: string;
  digest: string;
  salt: string;
  /** null for an array element (`[salt, value]`). */
  name: string | null;
  value: unknown;
}

/** The processed claims of an SD-JWT. */
export interface ProcessedClaims {
  /** The payload with every disclosed claim in place and no `_sd`, `...` or `_sd_alg`. */
  claims: Record<string, unknown>;
  /** The top-level claims that were disclosed or hold something disclosed. */
  disclosedNames: string[];
}

/** A check's outcome inside the verifier. */
type Outcome<T> = { ok: true; value: T } | { ok: false; detail: VerifyText };

const MAX_PRESENTATION = 65_536;
const MAX_DISCLOSURES = 256;
const MAX_DEPTH = 16;
/** How far in the future an issuer's `iat` may be (clock drift). */
const IAT_SKEW_SECONDS = 60;
/** How early (before the verifier's clock) a holder's QR `iat` may be stamped. */
const OFFLINE_EARLY_SECONDS = 5;
/** Registered claims of an SD-JWT VC: never counted as disclosed. */
const REGISTERED = new Set([
  'iss',
  'sub',
  'iat',
  'nbf',
  'exp',
  'vct',
  'cnf',
  'status',
  'issuing_authority',
  'issuing_country',
]);

const fail = <T>(zh: string, en: string): Outcome<T> => ({ ok: false, detail: { zh, en } });
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

const B64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Decodes unpadded base64url; null when it is not. */
export function base64urlDecode(text: string): Uint8Array | null {
  if (!B64URL.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    acc = (acc << 6) | (DECODE[text.charCodeAt(i)] ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Non-canonical trailing bits would let two texts decode to one value.
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/** Encodes bytes as unpadded base64url. */
export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** A value as text in a message, short (it comes from the presentation). */
const show = (v: unknown): string => (JSON.stringify(v) ?? 'undefined').slice(0, 40);
const encoder = new TextEncoder();
const ascii = (text: string): Uint8Array => encoder.encode(text);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Decodes base64url JSON; null when it is not. */
function decodeJson(part: string): unknown {
  const bytes = base64urlDecode(part);
  if (!bytes) return undefined;
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** Splits and decodes a compact JWS (three base64url parts, JSON header and payload). */
export function parseJwt(jwt: string): Outcome<ParsedJwt> {
  const parts = jwt.split('.');
  if (parts.length !== 3) return fail('不是 JWT（应为三段）', 'Not a JWT (three parts expected)');
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h);
  const payload = decodeJson(p);
  const signature = base64urlDecode(s);
  if (!isObject(header) || !isObject(payload) || !signature)
    return fail('JWT 无法解析', 'The JWT cannot be read');
  return ok({ header, payload, signingInput: `${h}.${p}`, signature });
}

/**
 * Splits an SD-JWT presentation `<jwt>~<disclosure>~…~<kb-jwt or nothing>`; fails with a
 * detail saying what the text is instead (a web link, random text).
 */
export function parseSdJwt(text: string): Outcome<ParsedSdJwt> {
  const input = text.trim();
  if (input.length === 0) return fail('内容为空', 'The text is empty');
  if (input.length > MAX_PRESENTATION)
    return fail('内容过长，不是电子证照', 'The text is too long to be a credential');
  if (/^[a-z][a-z0-9+.-]{0,31}:/i.test(input))
    return fail(
      '这是一个链接或其他二维码，不是电子证照的出示码',
      'This is a link or another kind of QR code, not a presented credential',
    );
  if (!input.includes('~'))
    return fail(
      '不是电子证照的出示码（应为 SD-JWT：<jwt>~…~）',
      'Not a presented credential (an SD-JWT `<jwt>~…~` is expected)',
    );
  const parts = input.split('~');
  const issuerJwt = parts[0]!;
  const last = parts[parts.length - 1]!;
  const disclosures = parts.slice(1, -1);
  if (disclosures.length > MAX_DISCLOSURES) return fail('披露项过多', 'Too many disclosures');
  if (disclosures.some((d) => d.length === 0 || !B64URL.test(d)))
    return fail('披露项格式错误', 'A disclosure is malformed');
  const jwt = parseJwt(issuerJwt);
  if (!jwt.ok)
    return fail(`签发的 JWT 无法解析：${jwt.detail.zh}`, `The issuer's JWT: ${jwt.detail.en}`);
  return ok({
    jwt: jwt.value,
    issuerJwt,
    disclosures,
    kbJwt: last === '' ? null : last,
    sdHashInput: input.slice(0, input.length - last.length),
  });
}

/** base64url(SHA-256(ASCII(text))): the digest of a disclosure, and `sd_hash`. */
export async function sha256b64url(text: string, crypto: VerifyCrypto): Promise<string> {
  return base64urlEncode(await crypto.sha256(ascii(text)));
}

/** Decodes a disclosure (`[salt, name, value]` or `[salt, value]`) with its digest. */
export async function decodeDisclosure(
  raw: string,
  crypto: VerifyCrypto,
): Promise<Outcome<Disclosure>> {
  const decoded = decodeJson(raw);
  const json: unknown[] | null = Array.isArray(decoded) ? (decoded as unknown[]) : null;
  if (!json || (json.length !== 2 && json.length !== 3) || typeof json[0] !== 'string')
    return fail('披露项格式错误', 'A disclosure is malformed');
  const name = json.length === 3 ? json[1] : null;
  if (name !== null && (typeof name !== 'string' || name === '_sd' || name === '...'))
    return fail('披露项的名称无效', 'A disclosure has an invalid claim name');
  return ok({
    raw,
    digest: await sha256b64url(raw, crypto),
    salt: json[0],
    name,
    value: json.length === 3 ? json[2] : json[1],
  });
}

/** Sets an own property, also for the name `__proto__` (which plain assignment would not). */
function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__')
    Object.defineProperty(target, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else target[name] = value;
}

/**
 * Puts the disclosures into the payload (RFC 9901 §7.1): `_sd` digests in objects and
 * `{"...": digest}` elements in arrays, recursively; undisclosed digests (and decoys) vanish.
 * Fails when a disclosure is malformed, not referenced by the credential, presented twice,
 * a digest appears twice, a claim name collides, or `_sd_alg` is not sha-256.
 */
export async function processDisclosures(
  payload: Record<string, unknown>,
  disclosures: string[],
  crypto: VerifyCrypto,
): Promise<Outcome<ProcessedClaims>> {
  const alg = payload['_sd_alg'];
  if (alg !== undefined && alg !== 'sha-256')
    return fail(`不支持的摘要算法 ${show(alg)}`, `Unsupported _sd_alg ${show(alg)}`);
  const byDigest = new Map<string, Disclosure>();
  for (const raw of disclosures) {
    const d = await decodeDisclosure(raw, crypto);
    if (!d.ok) return d;
    if (byDigest.has(d.value.digest))
      return fail('同一披露项出示了两次', 'A disclosure is presented twice');
    byDigest.set(d.value.digest, d.value);
  }
  const seenDigests = new Set<string>();
  const used = new Set<string>();
  let problem: VerifyText | null = null;
  const bad = (zh: string, en: string): undefined => {
    problem ??= { zh, en };
    return undefined;
  };

  const walk = (node: unknown, depth: number): unknown => {
    if (problem) return undefined;
    if (depth > MAX_DEPTH) return bad('嵌套过深', 'Claims nested too deeply');
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (const el of node) {
        if (isObject(el) && '...' in el) {
          const digest = el['...'];
          if (Object.keys(el).length !== 1 || typeof digest !== 'string')
            return bad('数组元素摘要格式错误', 'A malformed array-element digest');
          if (seenDigests.has(digest)) return bad('摘要重复出现', 'A digest appears twice');
          seenDigests.add(digest);
          const d = byDigest.get(digest);
          if (!d) continue;
          if (d.name !== null)
            return bad('数组元素的披露项不应有名称', 'An array-element disclosure has a name');
          used.add(digest);
          out.push(walk(d.value, depth + 1));
        } else out.push(walk(el, depth + 1));
      }
      return out;
    }
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '_sd' || (depth === 0 && k === '_sd_alg')) continue;
      setOwn(out, k, walk(v, depth + 1));
    }
    const sd = node['_sd'];
    if (sd !== undefined) {
      if (!Array.isArray(sd)) return bad('_sd 格式错误', '_sd is not an array');
      for (const digest of sd) {
        if (typeof digest !== 'string') return bad('_sd 格式错误', '_sd holds a non-string');
        if (seenDigests.has(digest)) return bad('摘要重复出现', 'A digest appears twice');
        seenDigests.add(digest);
        const d = byDigest.get(digest);
        if (!d) continue;
        if (d.name === null)
          return bad('对象属性的披露项缺少名称', 'An object-property disclosure has no name');
        if (Object.prototype.hasOwnProperty.call(out, d.name))
          return bad(`声明 ${d.name} 重复`, `Claim ${d.name} appears twice`);
        used.add(digest);
        setOwn(out, d.name, walk(d.value, depth + 1));
      }
    }
    return out;
  };

  // Which top-level claims hold something disclosed: walk each one apart.
  const claims: Record<string, unknown> = {};
  const disclosedNames: string[] = [];
  for (const [k, v] of Object.entries(payload)) {
    if (k === '_sd' || k === '_sd_alg') continue;
    const before = used.size;
    setOwn(claims, k, walk(v, 1));
    if (used.size > before) disclosedNames.push(k);
  }
  const top = payload['_sd'];
  if (top !== undefined) {
    const rest = walk({ _sd: top }, 0);
    if (isObject(rest))
      for (const [k, v] of Object.entries(rest)) {
        if (Object.prototype.hasOwnProperty.call(claims, k))
          bad(`声明 ${k} 重复`, `Claim ${k} appears twice`);
        setOwn(claims, k, v);
        disclosedNames.push(k);
      }
  }
  if (problem) return { ok: false, detail: problem };
  if (used.size !== byDigest.size)
    return fail('有披露项不属于此证照', 'A disclosure is not part of this credential');
  return ok({ claims, disclosedNames });
}

/** Verifies a JWS signature (ES256 only; the 64-byte r||s) with `jwk`. */
export async function verifyJwsSignature(
  jwt: ParsedJwt,
  jwk: JwkLike,
  crypto: VerifyCrypto,
  role: SignatureRole,
): Promise<boolean> {
  if (jwt.header['alg'] !== 'ES256' || jwt.signature.length !== 64) return false;
  if (
    jwk.kty !== 'EC' ||
    jwk.crv !== 'P-256' ||
    typeof jwk.x !== 'string' ||
    typeof jwk.y !== 'string'
  )
    return false;
  return await crypto.verifyEs256(jwk, ascii(jwt.signingInput), jwt.signature, role);
}

/** The KB-JWT's claims once verified. */
export interface KeyBinding {
  iat: number;
  aud: string;
  nonce: string;
}

/**
 * Checks the KB-JWT (RFC 9901 §7.3): `typ: kb+jwt`, ES256, signed by the credential's
 * `cnf.jwk`, `sd_hash` of everything presented before it, and `iat`, `aud`, `nonce` present.
 * Audience, nonce and freshness are compared by the caller.
 */
export async function verifyKeyBinding(
  sdJwt: ParsedSdJwt,
  cnf: unknown,
  crypto: VerifyCrypto,
): Promise<Outcome<KeyBinding>> {
  if (!sdJwt.kbJwt)
    return fail(
      '缺少持有人签名（KB-JWT）：此证照绑定了持有人密钥',
      'No key-binding JWT: this credential is bound to a holder key',
    );
  const jwk = isObject(cnf) && isObject(cnf['jwk']) ? (cnf['jwk'] as JwkLike) : null;
  if (!jwk) return fail('证照的持有人密钥无效', "The credential's holder key is invalid");
  const kb = parseJwt(sdJwt.kbJwt);
  if (!kb.ok) return fail(`KB-JWT 无法解析：${kb.detail.zh}`, `The KB-JWT: ${kb.detail.en}`);
  if (kb.value.header['typ'] !== 'kb+jwt')
    return fail('KB-JWT 的 typ 不是 kb+jwt', 'The KB-JWT typ is not kb+jwt');
  if (!(CREDENTIAL_ALGS as readonly unknown[]).includes(kb.value.header['alg']))
    return fail('KB-JWT 的签名算法不被接受', 'The KB-JWT alg is not accepted');
  if (!(await verifyJwsSignature(kb.value, jwk, crypto, 'holder')))
    return fail(
      '持有人签名无效（不是此证照的持有人密钥）',
      "The holder's signature does not verify with this credential's key",
    );
  const { iat, aud, nonce, sd_hash } = kb.value.payload;
  if (
    typeof iat !== 'number' ||
    !Number.isFinite(iat) ||
    typeof aud !== 'string' ||
    typeof nonce !== 'string'
  )
    return fail('KB-JWT 缺少 iat、aud 或 nonce', 'The KB-JWT lacks iat, aud or nonce');
  if (sd_hash !== (await sha256b64url(sdJwt.sdHashInput, crypto)))
    return fail(
      'KB-JWT 的 sd_hash 与出示内容不符',
      'The KB-JWT sd_hash does not match what was presented',
    );
  return ok({ iat, aud, nonce });
}

/** Reads entry `idx` of a status list: byte floor(idx*bits/8), bit offset (idx*bits)%8, LSB first. */
export function readStatus(list: Uint8Array, bits: number, idx: number): number | null {
  if (![1, 2, 4, 8].includes(bits) || !Number.isSafeInteger(idx) || idx < 0) return null;
  const byte = list[Math.floor((idx * bits) / 8)];
  if (byte === undefined) return null;
  return (byte >> ((idx * bits) % 8)) & ((1 << bits) - 1);
}

/** Decodes a status list's `lst` (base64url of zlib) into its bytes. */
export async function decodeStatusList(
  lst: unknown,
  crypto: VerifyCrypto,
): Promise<Uint8Array | null> {
  if (typeof lst !== 'string') return null;
  const bytes = base64urlDecode(lst);
  if (!bytes) return null;
  try {
    return await crypto.inflate(bytes);
  } catch {
    return null;
  }
}

/** The department of a key id `<department>:<yyyymmdd>:<random>`. */
export const departmentOfKid = (kid: string): string => kid.split(':')[0] ?? '';

/** The department of a status list URI `…/status-lists/<department>-<n>`, or null. */
export function departmentOfListUri(uri: string): string | null {
  const id = /\/status-lists\/([^/?#]+)$/.exec(uri)?.[1];
  const cut = id?.lastIndexOf('-') ?? -1;
  return id && cut > 0 ? id.slice(0, cut) : null;
}

/**
 * Verifies a status list token: `typ: statuslist+jwt`, alg on the allow-list, `kid` in the
 * trust list and of the department the list belongs to, the signature, `sub` === the URI
 * asked for, not expired; answers its inflated list, or why it is refused. Never throws.
 */
export async function verifyStatusListToken(
  token: string,
  expectedUri: string,
  trust: Pick<VerifyTrust, 'key'>,
  crypto: VerifyCrypto,
  now: Date,
): Promise<StatusListToken | { error: VerifyText }> {
  const err = (zh: string, en: string) => ({
    error: { zh: `状态列表：${zh}`, en: `Status list: ${en}` },
  });
  try {
    const jwt = parseJwt(token.trim());
    if (!jwt.ok) return err(jwt.detail.zh, jwt.detail.en);
    const { header, payload } = jwt.value;
    if (header['typ'] !== STATUS_LIST_TYP)
      return err('typ 不是 statuslist+jwt', 'typ is not statuslist+jwt');
    if (!(CREDENTIAL_ALGS as readonly unknown[]).includes(header['alg']))
      return err('签名算法不被接受', 'alg is not accepted');
    const kid = header['kid'];
    if (typeof kid !== 'string') return err('缺少 kid', 'no kid');
    const key = await trust.key(kid);
    if (!key) return err('签名密钥不在信任列表中', 'the signing key is not in the trust list');
    const listDept = departmentOfListUri(expectedUri);
    if (listDept === null || departmentOfKid(kid) !== listDept)
      return err('签名部门与列表所属部门不符', 'signed by another department than the list’s');
    if (!(await verifyJwsSignature(jwt.value, key, crypto, 'status')))
      return err('签名无效', 'the signature does not verify');
    if (payload['sub'] !== expectedUri) return err('sub 与地址不符', 'sub is not its URI');
    const t = now.getTime() / 1000;
    const exp = payload['exp'];
    if (exp !== undefined && (typeof exp !== 'number' || exp <= t)) return err('已过期', 'expired');
    const ttl = payload['ttl'];
    const sl = payload['status_list'];
    if (!isObject(sl)) return err('缺少 status_list', 'no status_list');
    const bits = sl['bits'];
    if (typeof bits !== 'number' || ![1, 2, 4, 8].includes(bits))
      return err('bits 无效', 'invalid bits');
    const list = await decodeStatusList(sl['lst'], crypto);
    if (!list) return err('lst 无法解压', 'lst cannot be inflated');
    return {
      bits,
      list,
      ttl: typeof ttl === 'number' && ttl > 0 ? ttl : null,
      exp: typeof exp === 'number' ? exp : null,
    };
  } catch {
    return err('无法读取', 'cannot be read');
  }
}

/** RFC 3339 in China Standard Time, the platform's wire format. */
function rfc3339(seconds: number): string {
  return new Date(seconds * 1000 + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

const ORDER: VerificationCheckName[] = [
  'format',
  'typ',
  'alg',
  'issuer',
  'signature',
  'disclosures',
  'expiry',
  'key-binding',
  'audience',
  'nonce',
  'freshness',
  'replay',
  'claims',
  'status',
];

/**
 * Verifies a presentation (or the text of a scanned QR code) against our trust list, making the
 * checks of docs/credentials.md in order and stopping at the first failure. Every check made
 * is reported; `disclosed` holds only the disclosed claims. A credential without `cnf` is a
 * paper copy (mode 'paper': no key binding, no replay). Never throws.
 */
export async function verifyPresentation(
  presentation: string,
  trust: VerifyTrust,
  crypto: VerifyCrypto,
  options: VerifyOptions,
): Promise<PresentationVerification> {
  const checks: VerificationCheck[] = [];
  const out: PresentationVerification = {
    result: {
      valid: false,
      failedCheck: null,
      checks,
      credential: null,
      disclosed: {},
      statusCheckedAt: null,
    },
    copy: null,
    replayKey: null,
    replayUntil: null,
    mode: options.mode,
    type: null,
    disclosedNames: [],
  };
  const pass = (check: VerificationCheckName, detail: VerifyText | null = null) => {
    checks.push({ check, passed: true, detail });
  };
  const refuse = (check: VerificationCheckName, detail: VerifyText): PresentationVerification => {
    checks.push({ check, passed: false, detail });
    out.result.failedCheck = check;
    out.result.disclosed = {};
    out.replayKey = null;
    out.replayUntil = null;
    return out;
  };
  let current: VerificationCheckName = 'format';
  try {
    const now = options.now.getTime() / 1000;
    // format
    if (typeof presentation !== 'string')
      return refuse('format', { zh: '内容为空', en: 'No text' });
    const parsed = parseSdJwt(presentation);
    if (!parsed.ok) return refuse('format', parsed.detail);
    const { header, payload } = parsed.value.jwt;
    const vct = payload['vct'];
    const type = typeof vct === 'string' ? typeOfVct(vct) : null;
    const info = type ? trust.typeInfo(type) : null;
    if (!type || !info)
      return refuse('format', {
        zh: '不是本平台签发的电子证照类型（vct）',
        en: 'Not a credential type of this platform (vct)',
      });
    const hasCnf = payload['cnf'] !== undefined;
    if (!hasCnf) out.mode = 'paper';
    pass('format');
    // typ
    current = 'typ';
    if (header['typ'] !== CREDENTIAL_TYP)
      return refuse('typ', {
        zh: `typ 应为 ${CREDENTIAL_TYP}，实为 ${show(header['typ'])}`,
        en: `typ must be ${CREDENTIAL_TYP}, not ${show(header['typ'])}`,
      });
    pass('typ');
    // alg
    current = 'alg';
    if (!(CREDENTIAL_ALGS as readonly unknown[]).includes(header['alg']))
      return refuse('alg', {
        zh: `签名算法 ${show(header['alg'])} 不被接受`,
        en: `Signature algorithm ${show(header['alg'])} is not accepted`,
      });
    pass('alg');
    // issuer
    current = 'issuer';
    if (payload['iss'] !== trust.issuer)
      return refuse('issuer', { zh: '签发者不是本平台', en: 'The issuer is not this platform' });
    const kid = header['kid'];
    const key = typeof kid === 'string' ? await trust.key(kid) : null;
    if (typeof kid !== 'string' || !key)
      return refuse('issuer', {
        zh: '签名密钥不在本平台的信任列表中',
        en: "The signing key is not in this platform's trust list",
      });
    const department = departmentOfKid(kid);
    if (info.issuer !== null && info.issuer !== department)
      return refuse('issuer', {
        zh: `此类证照应由 ${trust.departmentName(info.issuer)} 签发，签名密钥属于 ${trust.departmentName(department)}`,
        en: `This type is issued by ${info.issuer}; the key belongs to ${department}`,
      });
    if (payload['issuing_authority'] !== department)
      return refuse('issuer', {
        zh: '签发机关与签名密钥的部门不符',
        en: "issuing_authority is not the signing key's department",
      });
    pass('issuer');
    // signature
    current = 'signature';
    if (!(await verifyJwsSignature(parsed.value.jwt, key, crypto, 'issuer')))
      return refuse('signature', {
        zh: '签发者签名无效：内容被改动或并非本平台签发',
        en: "The issuer's signature does not verify: altered or not issued here",
      });
    pass('signature');
    out.type = type;
    const iat = payload['iat'];
    const exp = payload['exp'];
    out.result.credential = {
      type,
      name: info.name,
      issuer: { code: department, name: trust.departmentName(department) },
      issuedAt: typeof iat === 'number' && Number.isFinite(iat) ? rfc3339(iat) : '',
      expiresAt: typeof exp === 'number' && Number.isFinite(exp) ? rfc3339(exp) : null,
    };
    const sl = isObject(payload['status']) ? payload['status']['status_list'] : undefined;
    if (isObject(sl) && typeof sl['uri'] === 'string' && Number.isSafeInteger(sl['idx']))
      out.copy = { uri: sl['uri'], idx: sl['idx'] as number };
    // disclosures
    current = 'disclosures';
    const processed = await processDisclosures(payload, parsed.value.disclosures, crypto);
    if (!processed.ok) return refuse('disclosures', processed.detail);
    out.disclosedNames = processed.value.disclosedNames.filter((n) => !REGISTERED.has(n));
    pass('disclosures');
    // expiry
    current = 'expiry';
    if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= now)
      return refuse('expiry', { zh: '证照已过有效期', en: 'The credential has expired' });
    if (typeof iat !== 'number' || !Number.isFinite(iat) || iat > now + IAT_SKEW_SECONDS)
      return refuse('expiry', { zh: '签发时间在未来', en: 'Issued in the future' });
    const nbf = payload['nbf'];
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + IAT_SKEW_SECONDS))
      return refuse('expiry', { zh: '证照尚未生效', en: 'The credential is not valid yet' });
    pass('expiry');
    // key-binding … replay
    current = 'key-binding';
    if (!hasCnf) {
      if (options.mode === 'request')
        return refuse('key-binding', {
          zh: '纸质证照的二维码不能回应核验请求，请用电子证照包出示',
          en: "A paper copy's QR cannot answer a request; present it from the wallet",
        });
      if (parsed.value.kbJwt)
        return refuse('key-binding', {
          zh: '纸质证照不应带持有人签名',
          en: 'A paper copy carries no key-binding JWT',
        });
      pass('key-binding', {
        zh: '纸质证照：证明所印内容为签发内容且有效，不证明出示者是持有人',
        en: 'Paper copy: proves what is printed was issued and is valid, not who holds it',
      });
    } else {
      const kb = await verifyKeyBinding(parsed.value, payload['cnf'], crypto);
      if (!kb.ok) return refuse('key-binding', kb.detail);
      pass('key-binding');
      current = 'audience';
      const audience = options.mode === 'request' ? options.audience : OFFLINE_AUDIENCE;
      if (kb.value.aud !== audience)
        return refuse('audience', {
          zh:
            options.mode === 'request'
              ? '出示对象不是本次核验请求'
              : '不是出示给任意核验方的二维码',
          en:
            options.mode === 'request'
              ? 'The presentation is addressed to another verifier'
              : 'Not addressed to any verifier (the holder QR audience)',
        });
      pass('audience');
      if (options.mode === 'request') {
        current = 'nonce';
        if (!options.nonce || kb.value.nonce !== options.nonce)
          return refuse('nonce', {
            zh: '一次性随机数不符：不是为本次请求出示的',
            en: "The nonce is not this request's one-time nonce",
          });
        pass('nonce');
      }
      current = 'freshness';
      const age = now - kb.value.iat;
      const fresh =
        options.mode === 'request'
          ? Math.abs(age) <= KB_FRESHNESS_SECONDS
          : age <= OFFLINE_PRESENTATION_SECONDS && age >= -OFFLINE_EARLY_SECONDS;
      if (!fresh)
        return refuse('freshness', {
          zh: age > 0 ? '出示时间太早，已失效，请持有人刷新' : '出示时间在未来，请检查时钟',
          en:
            age > 0
              ? 'The presentation is stale; ask the holder to refresh it'
              : 'The presentation is dated in the future',
        });
      pass('freshness');
      current = 'replay';
      const replayKey = `kb:${await sha256b64url(parsed.value.kbJwt ?? '', crypto)}`;
      if (options.seen && (await options.seen(replayKey)))
        return refuse('replay', {
          zh: '此出示已被核验过一次，不能重复使用',
          en: 'This presentation was accepted before and cannot be used again',
        });
      pass(
        'replay',
        options.seen
          ? null
          : {
              zh: '本设备不记录已核验的出示',
              en: 'This device keeps no record of accepted presentations',
            },
      );
      out.replayKey = replayKey;
      const window =
        options.mode === 'request' ? KB_FRESHNESS_SECONDS : OFFLINE_PRESENTATION_SECONDS;
      out.replayUntil = rfc3339(kb.value.iat + window + 1);
    }
    // claims
    current = 'claims';
    const disclosed: Record<string, unknown> = {};
    for (const name of processed.value.disclosedNames)
      if (!REGISTERED.has(name)) setOwn(disclosed, name, processed.value.claims[name]);
    if (options.types && !options.types.includes(type))
      return refuse('claims', {
        zh: `请求的证照类型中没有 ${info.name.zh}`,
        en: `The request does not accept a ${info.name.en}`,
      });
    const missing = (options.requiredClaims ?? []).filter(
      (c) => !Object.prototype.hasOwnProperty.call(disclosed, c),
    );
    if (missing.length > 0)
      return refuse('claims', {
        zh: `未披露所需的信息：${missing.join('、')}`,
        en: `Required claims not disclosed: ${missing.join(', ')}`,
      });
    pass('claims');
    // status
    current = 'status';
    if (!out.copy)
      return refuse('status', {
        zh: '证照没有状态列表信息',
        en: 'The credential names no status list',
      });
    const status = await trust.statusList(out.copy.uri);
    if ('error' in status) return refuse('status', status.error);
    out.result.statusCheckedAt = status.fetchedAt;
    const value = readStatus(status.list, status.bits, out.copy.idx);
    if (value !== 0)
      return refuse(
        'status',
        value === 1
          ? { zh: '证照已被撤销', en: 'The credential has been revoked' }
          : value === 2
            ? { zh: '证照已被暂停使用', en: 'The credential is suspended' }
            : { zh: '状态无法读取', en: 'The status cannot be read' },
      );
    pass('status', {
      zh: `状态数据获取于 ${status.fetchedAt}`,
      en: `Status data fetched at ${status.fetchedAt}`,
    });
    out.result.valid = true;
    out.result.disclosed = disclosed;
    return out;
  } catch {
    // A port that throws is a check that could not be made.
    return refuse(current, { zh: '无法完成此项检查', en: 'This check could not be made' });
  }
}

/** The checks in the order they are made (for displays). */
export const VERIFICATION_ORDER: readonly VerificationCheckName[] = ORDER;
