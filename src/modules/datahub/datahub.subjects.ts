import { maskIdNumber } from '../identity/index.js';
import type { DataItem, ItemField } from './datahub.items.js';

const ID_NUMBER = /^\d{17}[\dXx]$/;
const CREDIT_CODE = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

/** Whether a value is shaped like an identity number (not checked). Throws nothing. */
export function looksLikeIdNumber(value: unknown): value is string {
  return typeof value === 'string' && ID_NUMBER.test(value);
}

/** Whether a value is shaped like a unified social credit code with letters (not checked). Throws nothing. */
export function looksLikeCreditCode(value: unknown): value is string {
  return typeof value === 'string' && CREDIT_CODE.test(value) && !ID_NUMBER.test(value);
}

/** Who an application is about: its applicant's keys and the persons its form names. */
export interface SubjectContext {
  /** The applicant's identity number (a company's legal representative for a company). */
  personKey: string | null;
  /** The applicant organisation's credit code. */
  orgKey: string | null;
  form: Record<string, unknown>;
}

const text = (form: Record<string, unknown>, name: string): string | null => {
  const v = form[name];
  return looksLikeIdNumber(v) ? v.toUpperCase() : null;
};

/**
 * The subjects whose records satisfy a material: the applicant by default; the persons the
 * form names where the material is about them (a newborn's parents, the deceased). Empty when
 * the application does not say whom to look up. Throws nothing.
 */
export function subjectsFor(material: string, item: DataItem, ctx: SubjectContext): string[] {
  if (item.subject === 'organization') {
    const code =
      ctx.orgKey ?? (looksLikeCreditCode(ctx.form.creditCode) ? ctx.form.creditCode : null);
    return code ? [code] : [];
  }
  const father = text(ctx.form, 'fatherIdNumber');
  const mother = text(ctx.form, 'motherIdNumber');
  const deceased = text(ctx.form, 'deceasedIdNumber');
  const one = (...keys: (string | null)[]) => {
    const k = keys.find((x) => x !== null);
    return k ? [k] : [];
  };
  switch (material) {
    case 'parents-identity':
      return [father, mother].filter((x): x is string => x !== null);
    case 'birth-medical-certificate':
    case 'delivery-record':
      return one(mother, father, ctx.personKey);
    case 'household-register':
      return ctx.form.registerWith === 'mother'
        ? one(mother, father, ctx.personKey)
        : one(father, mother, ctx.personKey);
    case 'marriage-certificate':
      return one(father, mother, ctx.personKey);
    // The deceased's records, and the estate (inheritance notarisation, provident fund).
    case 'household-deregistration-proof':
    case 'cremation-certificate':
    case 'property-certificate':
    case 'provident-fund-account':
    case 'death-medical-certificate':
    case 'death-diagnosis-record':
      return one(deceased, ctx.personKey);
    default:
      return one(ctx.personKey);
  }
}

/** Every identity number or credit code an application is about (applicant and form). Throws nothing. */
export function subjectsOfApplication(ctx: SubjectContext): Set<string> {
  const out = new Set<string>();
  if (ctx.personKey) out.add(ctx.personKey.toUpperCase());
  if (ctx.orgKey) out.add(ctx.orgKey);
  for (const v of Object.values(ctx.form)) {
    if (looksLikeIdNumber(v)) out.add(v.toUpperCase());
    else if (looksLikeCreditCode(v)) out.add(v);
  }
  return out;
}

function maskText(value: string): string {
  if (looksLikeIdNumber(value)) return maskIdNumber(value);
  const chars = [...value];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  const keep = Math.max(1, Math.floor(chars.length / 4));
  return (
    chars.slice(0, keep).join('') +
    '*'.repeat(chars.length - 2 * keep) +
    chars.slice(-keep).join('')
  );
}

/** A value with its personal parts hidden: strings masked in the middle, identity numbers as 330681********1233. Throws nothing. */
export function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value === 'number') return '***';
  if (Array.isArray(value)) return value.map(maskValue);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v)]));
  return value;
}

/** A record with its sensitive fields masked (for previews and lists). Throws nothing. */
export function maskRecord(
  fields: ItemField[],
  data: Record<string, unknown>,
): Record<string, unknown> {
  const sensitive = new Set(fields.filter((f) => f.sensitivity === 'sensitive').map((f) => f.name));
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, sensitive.has(k) ? maskValue(v) : v]),
  );
}
