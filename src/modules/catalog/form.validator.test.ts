import { describe, expect, it } from 'vitest';
import type { FormSchema } from '../../../shared/contracts/catalog.js';
import { validateForm } from './form.validator.js';

const FORM: FormSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    name: { type: 'string', title: '企业名称', 'x-title-en': 'Name', minLength: 4, maxLength: 10, 'x-steps': ['a'] },
    capital: { type: 'number', title: '注册资本', 'x-title-en': 'Capital', minimum: 1, maximum: 100, 'x-steps': ['a'] },
    staff: { type: 'integer', title: '人数', 'x-title-en': 'Staff', 'x-steps': ['a'] },
    kind: { type: 'string', title: '类型', 'x-title-en': 'Kind', enum: ['llc', 'sole'], 'x-steps': ['a'] },
    idNumber: { type: 'string', title: '身份号码', 'x-title-en': 'ID', format: 'id-number', 'x-steps': ['a'] },
    creditCode: { type: 'string', title: '信用代码', 'x-title-en': 'Code', format: 'credit-code', 'x-steps': ['a'] },
    phone: { type: 'string', title: '电话', 'x-title-en': 'Phone', format: 'phone', 'x-steps': ['a'] },
    day: { type: 'string', title: '日期', 'x-title-en': 'Day', format: 'date', 'x-steps': ['a'] },
    code: { type: 'string', title: '编号', 'x-title-en': 'Code', pattern: '^\\d{7}$', 'x-steps': ['a'] },
    seals: {
      type: 'array',
      title: '印章',
      'x-title-en': 'Seals',
      items: { type: 'string', enum: ['official', 'finance'] },
      minItems: 1,
      maxItems: 2,
      'x-steps': ['a'],
    },
    agree: { type: 'boolean', title: '同意', 'x-title-en': 'Agree', 'x-steps': ['a'] },
  },
  required: ['name', 'capital', 'idNumber'],
  additionalProperties: false,
  examples: [{}],
};

const VALID = {
  name: '示例科技公司',
  capital: 50,
  staff: 3,
  kind: 'llc',
  idNumber: '330681198503122418',
  creditCode: '91330402MA2JD5K850',
  phone: '13957512345',
  day: '2024-02-29',
  code: '9321483',
  seals: ['official'],
  agree: true,
};

const today = new Date('2025-06-01T00:00:00Z');

describe('validateForm', () => {
  it('accepts a valid form', () => {
    expect(validateForm(FORM, VALID, { today })).toEqual([]);
  });

  it('keys every issue by form.<field> and reports all of them at once', () => {
    const issues = validateForm(
      FORM,
      {
        capital: 0,
        staff: 2.5,
        kind: 'plc',
        idNumber: '330681198503122419',
        creditCode: '91330402MA2JD5K851',
        phone: '12345',
        day: '2023-02-29',
        code: '12a',
        seals: ['official', 'stamp', 'finance'],
        agree: 'yes',
        colour: 'red',
      },
      { today },
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['form.name', 'required'],
      ['form.capital', 'min'],
      ['form.staff', 'type'],
      ['form.kind', 'enum'],
      ['form.idNumber', 'format'],
      ['form.creditCode', 'format'],
      ['form.phone', 'format'],
      ['form.day', 'format'],
      ['form.code', 'pattern'],
      ['form.seals', 'max-items'],
      ['form.seals.1', 'enum'],
      ['form.agree', 'type'],
      ['form.colour', 'unknown-field'],
    ]);
    for (const issue of issues) expect(issue.message).not.toBe('');
  });

  it('checks lengths in characters, not bytes', () => {
    expect(validateForm(FORM, { ...VALID, name: '一次办科技' }, { today })).toEqual([]);
    expect(validateForm(FORM, { ...VALID, name: '一次办' }, { today }).map((i) => i.code)).toEqual(['min-length']);
  });

  it('refuses identity numbers born in the future', () => {
    const issues = validateForm(FORM, { ...VALID, idNumber: '330681202508061211' }, { today });
    expect(issues.map((i) => i.path)).toEqual(['form.idNumber']);
  });

  it('asks for identity numbers as they are stored', () => {
    const issues = validateForm(FORM, { ...VALID, idNumber: '33068119870921262x' }, { today });
    expect(issues).toEqual([
      { path: 'form.idNumber', code: 'format', message: '应写作 33068119870921262X' },
    ]);
  });

  it('accepts international phone numbers for applicants abroad', () => {
    expect(validateForm(FORM, { ...VALID, phone: '+393331234567' }, { today })).toEqual([]);
  });

  it('speaks English on request and Chinese by default', () => {
    expect(validateForm(FORM, {}, { today })[0]?.message).toBe('请填写企业名称');
    expect(validateForm(FORM, {}, { today, lang: 'en' })[0]?.message).toBe('Name is required');
  });

  it('refuses a form that is not an object', () => {
    expect(validateForm(FORM, [1, 2])).toEqual([expect.objectContaining({ path: 'form', code: 'type' })]);
  });
});
