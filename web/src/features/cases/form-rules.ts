import type { FieldIssue } from '@contracts/errors';
import type { FormItem, FormProperty, FormSchema } from '@contracts/catalog';
import type { Language, MessageKey, MessageParams, Translate } from '../../i18n';
import { creditCodeProblem, idNumberProblem } from './identity-checks';

/** A problem with one value: the message key and its parameters. */
export interface Problem {
  key: MessageKey;
  params?: MessageParams;
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\+[1-9]\d{6,14})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The label of an enum value in the current language (for summaries). */
export function enumLabel(
  schema: Pick<FormItem, 'x-enum-labels'>,
  value: unknown,
  language: Language,
): string {
  const label = schema['x-enum-labels']?.find((l) => l.value === value);
  return label ? label[language] : String(value);
}

/** The label of a field in the current language. */
export function fieldLabel(property: FormProperty, language: Language): string {
  return language === 'zh' ? property.title : property['x-title-en'];
}

/** The help text of a field in the current language (the description is "中文\nEnglish"). */
export function fieldHelp(property: FormProperty, language: Language): string | undefined {
  if (!property.description) return undefined;
  const [zh, en] = property.description.split('\n');
  return language === 'zh' ? zh : (en ?? zh);
}

/** Whether a value counts as not given (as the server judges it). */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function formatProblem(format: FormItem['format'], value: string): Problem | null {
  switch (format) {
    case undefined:
      return null;
    case 'id-number': {
      const key = idNumberProblem(value);
      return key ? { key } : null;
    }
    case 'credit-code': {
      const key = creditCodeProblem(value);
      return key ? { key } : null;
    }
    case 'phone':
      return PHONE.test(value) ? null : { key: 'form.phone' };
    case 'email':
      return EMAIL.test(value) ? null : { key: 'form.email' };
    case 'date':
      return DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : { key: 'form.date' };
    case 'date-time':
      return DATE_TIME.test(value) ? null : { key: 'form.dateTime' };
  }
}

/** The first problem of one (non-empty) value against its schema, as the server checks it. */
export function valueProblem(schema: FormItem | FormProperty, value: unknown): Problem | null {
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) {
      return { key: 'form.minLength', params: { n: schema.minLength } };
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      return { key: 'form.maxLength', params: { n: schema.maxLength } };
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      return { key: 'form.pattern' };
    }
    if (schema.enum !== undefined && !schema.enum.includes(value)) return { key: 'form.enum' };
    return formatProblem(schema.format, value);
  }
  if (typeof value === 'number') {
    if (schema.type === 'integer' && !Number.isInteger(value)) return { key: 'form.integer' };
    if (schema.minimum !== undefined && value < schema.minimum) {
      return { key: 'form.min', params: { n: schema.minimum } };
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      return { key: 'form.max', params: { n: schema.maximum } };
    }
    return null;
  }
  if (Array.isArray(value) && 'items' in schema) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      return { key: 'form.minItems', params: { n: schema.minItems } };
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      return { key: 'form.maxItems', params: { n: schema.maxItems } };
    }
  }
  return null;
}

/** The antd field path of an API issue path: `form.a.1` → `['a', 1]`; null for other paths. */
export function issueFieldName(path: string): (string | number)[] | null {
  const parts = path.split('.');
  if (parts[0] !== 'form' || parts.length < 2) return null;
  return parts.slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * The message for an API field issue in the current language: the server's issues carry one
 * language only, so the rule it names (code) is said again here; the server's text is kept
 * when the rule is one the browser does not know.
 */
export function issueMessage(
  issue: FieldIssue,
  schema: FormSchema,
  values: Record<string, unknown>,
  t: Translate,
  language: Language,
): string {
  const name = issueFieldName(issue.path);
  const field = typeof name?.[0] === 'string' ? name[0] : undefined;
  const property = field ? schema.properties[field] : undefined;
  if (!property || !field) return issue.message;
  const index = typeof name?.[1] === 'number' ? name[1] : undefined;
  const value =
    index === undefined ? values[field] : (values[field] as unknown[] | undefined)?.[index];
  const itemSchema = index !== undefined && property.items ? property.items : property;
  switch (issue.code) {
    case 'required':
      return t('form.required', { field: fieldLabel(property, language) });
    case 'type':
    case 'unknown-field':
      return issue.message;
    default: {
      const problem = isEmptyValue(value) ? null : valueProblem(itemSchema, value);
      return problem ? t(problem.key, problem.params) : issue.message;
    }
  }
}

/**
 * The form values as the API wants them: empty optional fields left out (the server refuses
 * nothing for them, but "" is not a value), empty list items dropped, text trimmed.
 */
export function toSubmittedForm(
  schema: FormSchema,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const name of Object.keys(schema.properties)) {
    let value = values[name];
    if (typeof value === 'string') value = value.trim();
    if (Array.isArray(value)) {
      value = value
        .map((v: unknown) => (typeof v === 'string' ? v.trim() : v))
        .filter((v) => !isEmptyValue(v));
    }
    if (!isEmptyValue(value)) form[name] = value;
  }
  return form;
}
