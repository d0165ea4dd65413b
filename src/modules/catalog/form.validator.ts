import type { FieldIssue } from '../../platform/errors/index.js';
import { validateCreditCode, validateIdNumber } from '../identity/index.js';
import type {
  FormFormat,
  FormItem,
  FormProperty,
  FormSchema,
} from '../../../shared/contracts/catalog.js';

/** Options of {@link validateForm}. */
export interface ValidateFormOptions {
  /** "Today" for identity numbers, whose birth date cannot be in the future. */
  today?: Date;
  /** Language of the messages; Chinese by default. */
  lang?: 'zh' | 'en';
}

type Say = (zh: string, en: string) => string;

/** Mainland mobile, mainland landline, or an international number (overseas applicants). */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\+[1-9]\d{6,14})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Identity numbers (GB 11643) and credit codes (GB 32100) are judged by the identity module.
 * A form carries them as they will be stored and looked up in the data hub, so a number the
 * identity module would accept only after normalising (a 15-digit legacy number, a lowercase
 * x, spaces) is refused with the normalised form in the message.
 */
function identityProblem(
  result: { ok: true; value: string } | { ok: false; message: { zh: string; en: string } },
  value: string,
  say: Say,
): string | null {
  if (!result.ok) return say(result.message.zh, result.message.en);
  return result.value === value ? null : say(`应写作 ${result.value}`, `write it as ${result.value}`);
}

function formatProblem(format: FormFormat, value: string, today: Date, say: Say): string | null {
  switch (format) {
    case 'id-number':
      return identityProblem(validateIdNumber(value, today), value, say);
    case 'credit-code':
      return identityProblem(validateCreditCode(value), value, say);
    case 'phone':
      return PHONE.test(value) ? null : say('电话号码格式不正确', 'not a telephone number');
    case 'date': {
      const m = DATE.exec(value);
      return m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))
        ? null
        : say('日期格式应为 YYYY-MM-DD', 'a date is written YYYY-MM-DD');
    }
    case 'date-time':
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : say('时间格式应为 RFC 3339（含时区）', 'a time is written in RFC 3339 with an offset');
    case 'email':
      return EMAIL.test(value) ? null : say('电子邮箱格式不正确', 'not an e-mail address');
  }
}

function typeMatches(type: FormItem['type'] | 'array', value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
  }
}

const TYPE_NAMES: Record<FormProperty['type'], [string, string]> = {
  string: ['文本', 'a string'],
  number: ['数字', 'a number'],
  integer: ['整数', 'an integer'],
  boolean: ['是或否', 'true or false'],
  array: ['列表', 'a list'],
};

function checkValue(
  schema: FormItem | FormProperty,
  value: unknown,
  path: string,
  today: Date,
  say: Say,
  issues: FieldIssue[],
): void {
  const add = (code: string, message: string) => issues.push({ path, code, message });
  if (!typeMatches(schema.type, value)) {
    const [zh, en] = TYPE_NAMES[schema.type];
    add('type', say(`应为${zh}`, `must be ${en}`));
    return;
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) {
      add('min-length', say(`至少${schema.minLength}个字`, `at least ${schema.minLength} characters`));
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      add('max-length', say(`最多${schema.maxLength}个字`, `at most ${schema.maxLength} characters`));
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      add('pattern', say('格式不正确', 'has the wrong format'));
    }
    if (schema.enum !== undefined && !schema.enum.includes(value)) {
      add('enum', say(`应为以下之一：${schema.enum.join('、')}`, `must be one of ${schema.enum.join(', ')}`));
    }
    if (schema.format !== undefined) {
      const problem = formatProblem(schema.format, value, today, say);
      if (problem) add('format', problem);
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      add('min', say(`不能小于${schema.minimum}`, `must be at least ${schema.minimum}`));
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      add('max', say(`不能大于${schema.maximum}`, `must be at most ${schema.maximum}`));
    }
  }
  if (Array.isArray(value) && 'items' in schema) {
    const property = schema;
    if (property.minItems !== undefined && value.length < property.minItems) {
      add('min-items', say(`至少${property.minItems}项`, `at least ${property.minItems} items`));
    }
    if (property.maxItems !== undefined && value.length > property.maxItems) {
      add('max-items', say(`最多${property.maxItems}项`, `at most ${property.maxItems} items`));
    }
    if (property.items) {
      const items = property.items;
      value.forEach((item, i) => checkValue(items, item, `${path}.${i}`, today, say, issues));
    }
  }
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Checks a submitted form against a guide's form (the JSON Schema subset the catalog emits:
 * type, required, minimum/maximum, minLength/maxLength, pattern, enum, minItems/maxItems, items
 * and the formats `id-number`, `credit-code`, `phone`, `date`, `date-time`, `email`). Returns
 * every issue at once, keyed `form.<field>` (`form.<field>.<index>` inside lists) so that the
 * one-time notice and Ant Design forms can show them in place; an empty list means valid.
 * Never throws.
 */
export function validateForm(
  guideForm: FormSchema,
  data: unknown,
  options: ValidateFormOptions = {},
): FieldIssue[] {
  const lang = options.lang ?? 'zh';
  const today = options.today ?? new Date();
  const say: Say = (zh, en) => (lang === 'zh' ? zh : en);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return [{ path: 'form', code: 'type', message: say('表单应为对象', 'the form must be an object') }];
  }
  const form = data as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  for (const name of guideForm.required) {
    if (isEmpty(form[name])) {
      const title = guideForm.properties[name]?.title ?? name;
      issues.push({
        path: `form.${name}`,
        code: 'required',
        message: say(`请填写${title}`, `${guideForm.properties[name]?.['x-title-en'] ?? name} is required`),
      });
    }
  }
  for (const [name, value] of Object.entries(form)) {
    const property = guideForm.properties[name];
    if (!property) {
      issues.push({
        path: `form.${name}`,
        code: 'unknown-field',
        message: say('表单中没有该字段', 'the form has no such field'),
      });
      continue;
    }
    // An empty optional field is simply not given; an empty required one was reported above.
    if (isEmpty(value)) continue;
    checkValue(property, value, `form.${name}`, today, say, issues);
  }
  return issues;
}
