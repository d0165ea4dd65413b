import { useEffect, type ReactNode } from 'react';
import {
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Switch,
  type FormInstance,
  type FormRule,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormItem, FormProperty, FormSchema } from '@contracts/catalog';
import type { FieldIssue } from '@contracts/errors';
import { useLanguage, useT, type Language, type Translate } from '../../i18n';
import {
  fieldHelp,
  fieldLabel,
  isEmptyValue,
  issueFieldName,
  issueMessage,
  valueProblem,
} from './form-rules';
import { creditCodeTypingProblem, idNumberTypingProblem } from './identity-checks';

function enumOptions(schema: Pick<FormItem, 'enum' | 'x-enum-labels'>, language: Language) {
  return (schema.enum ?? []).map((value) => {
    const label = schema['x-enum-labels']?.find((l) => l.value === value);
    return { value, label: label ? label[language] : value };
  });
}

/** Rules of one value: the complete check on blur and submit, a typing check while typing. */
function valueRules(schema: FormItem | FormProperty, t: Translate): FormRule[] {
  const rules: FormRule[] = [
    {
      validateTrigger: ['onBlur', 'onSubmit'],
      validator: async (_, value: unknown) => {
        if (isEmptyValue(value)) return;
        const problem = valueProblem(schema, value);
        if (problem) throw new Error(t(problem.key, problem.params));
      },
    },
  ];
  const typing =
    schema.format === 'id-number'
      ? idNumberTypingProblem
      : schema.format === 'credit-code'
        ? creditCodeTypingProblem
        : null;
  if (typing) {
    rules.push({
      validateTrigger: 'onChange',
      validator: async (_, value: unknown) => {
        if (typeof value !== 'string' || value === '') return;
        const key = typing(value);
        if (key) throw new Error(t(key));
      },
    });
  }
  return rules;
}

/** "Required" for the field's JSON type (antd's rules take every value for a string otherwise). */
function requiredRule(property: FormProperty, message: string): FormRule {
  switch (property.type) {
    case 'string':
      return { required: true, whitespace: true, message };
    case 'number':
    case 'integer':
      return { required: true, type: 'number', message };
    case 'boolean':
      return { required: true, type: 'boolean', message };
    case 'array':
      return { required: true, type: 'array', message };
  }
}

const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase().trim() : value);

/**
 * The control of one field. Form.Item passes `id`, `value` and `onChange` to its child; they
 * are handed on to the antd control here, or the field would not be bound to the form.
 */
function Control({
  schema,
  label,
  ...bound
}: {
  schema: FormItem | FormProperty;
  label: string;
  [prop: string]: unknown;
}): ReactNode {
  const language = useLanguage();
  if (schema.enum) {
    const options = enumOptions(schema, language);
    return options.length <= 3 ? (
      <Radio.Group {...bound} options={options} />
    ) : (
      <Select {...bound} options={options} aria-label={label} />
    );
  }
  switch (schema.type) {
    case 'number':
    case 'integer':
      return (
        <InputNumber
          {...bound}
          className="schema-form__number"
          min={schema.minimum}
          max={schema.maximum}
          precision={schema.type === 'integer' ? 0 : undefined}
          inputMode="decimal"
        />
      );
    case 'boolean':
      return <Switch {...bound} />;
    case 'string':
    case 'array':
      break;
  }
  switch (schema.format) {
    case 'id-number':
    case 'credit-code':
      return (
        <Input
          {...bound}
          maxLength={18}
          autoComplete="off"
          spellCheck={false}
          className="mono-input"
        />
      );
    case 'phone':
      return <Input {...bound} type="tel" inputMode="tel" autoComplete="tel" />;
    case 'email':
      return <Input {...bound} type="email" inputMode="email" autoComplete="email" />;
    case 'date':
      return <Input {...bound} type="date" />;
    case 'date-time':
      return <Input {...bound} type="datetime-local" />;
    case undefined:
      break;
  }
  if ((schema.maxLength ?? 0) > 200)
    return <Input.TextArea {...bound} autoSize={{ minRows: 2, maxRows: 8 }} />;
  return <Input {...bound} maxLength={schema.maxLength} />;
}

function valueProps(schema: FormItem | FormProperty) {
  if (schema.type === 'boolean') return { valuePropName: 'checked' as const };
  if (schema.format === 'id-number' || schema.format === 'credit-code') return { normalize: upper };
  if (schema.format === 'date-time') {
    return {
      // The browser's control has no offset; the form carries RFC 3339 in China time.
      normalize: (v: unknown) => (typeof v === 'string' && v ? `${v}:00+08:00` : v),
      getValueProps: (v: unknown) => ({ value: typeof v === 'string' ? v.slice(0, 16) : v }),
    };
  }
  return {};
}

function ListField({
  name,
  property,
  label,
  required,
}: {
  name: string;
  property: FormProperty;
  label: string;
  required: boolean;
}) {
  const t = useT();
  const item = property.items ?? { type: 'string' as const };
  return (
    <Form.Item label={label} required={required} extra={fieldHelp(property, useLanguage())}>
      <Form.List
        name={name}
        rules={[
          {
            validator: async (_, value: unknown[] | undefined) => {
              const given = (value ?? []).filter((v) => !isEmptyValue(v));
              if (required && given.length === 0) {
                throw new Error(t('form.required', { field: label }));
              }
              const problem = given.length > 0 ? valueProblem(property, given) : null;
              if (problem) throw new Error(t(problem.key, problem.params));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <div className="schema-form__list">
            {fields.map((field, index) => (
              <div key={field.key} className="schema-form__list-row">
                <Form.Item
                  name={field.name}
                  rules={valueRules(item, t)}
                  validateTrigger={['onChange', 'onBlur']}
                  {...valueProps(item)}
                  className="schema-form__list-item"
                >
                  <Input
                    aria-label={t('form.listItem', { field: label, n: index + 1 })}
                    maxLength={item.format ? 18 : item.maxLength}
                    className={item.format ? 'mono-input' : undefined}
                    autoComplete="off"
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('form.removeItem', { field: label, n: index + 1 })}
                  onClick={() => remove(field.name)}
                  disabled={fields.length <= 1}
                />
              </div>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add('')}
              disabled={property.maxItems !== undefined && fields.length >= property.maxItems}
            >
              {t('form.addItem', { field: label })}
            </Button>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

/**
 * The fields of a guide's form (JSON Schema 2020-12, as the catalog emits it), for use inside
 * an antd Form: labels and help in the current language, enum labels, the server's rules
 * checked in the browser (identity numbers and credit codes while typing). `readOnly` fields
 * are shown but not editable (data a clerk looked up, or passed from an earlier step).
 */
export function SchemaFields({
  schema,
  readOnly = [],
}: {
  schema: FormSchema;
  readOnly?: readonly string[];
}) {
  const t = useT();
  const language = useLanguage();
  return (
    <>
      {Object.entries(schema.properties).map(([name, property]) => {
        const label = fieldLabel(property, language);
        const required = schema.required.includes(name);
        if (property.type === 'array' && !property.items?.enum) {
          return (
            <ListField
              key={name}
              name={name}
              property={property}
              label={label}
              required={required}
            />
          );
        }
        const rules: FormRule[] = [
          ...(required ? [requiredRule(property, t('form.required', { field: label }))] : []),
          ...valueRules(property, t),
        ];
        const control =
          property.type === 'array' && property.items ? (
            <Checkbox.Group options={enumOptions(property.items, language)} />
          ) : (
            <Control schema={property} label={label} />
          );
        return (
          <Form.Item
            key={name}
            name={name}
            label={label}
            extra={fieldHelp(property, language)}
            rules={rules}
            validateTrigger={['onChange', 'onBlur']}
            {...valueProps(property)}
          >
            {readOnly.includes(name) ? <Input disabled /> : control}
          </Form.Item>
        );
      })}
    </>
  );
}

/** Initial values: one empty row for each list, so its first input is there to type in. */
export function initialFormValues(
  schema: FormSchema,
  given: Record<string, unknown> = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = { ...given };
  for (const [name, property] of Object.entries(schema.properties)) {
    if (property.type === 'array' && !property.items?.enum && !Array.isArray(values[name])) {
      values[name] = [''];
    }
  }
  return values;
}

/**
 * Puts the API's 422 issues (`form.<field>` paths) beside their fields, in the current
 * language; returns whether any issue named a field of this form.
 */
export function showFormIssues(
  form: FormInstance,
  schema: FormSchema,
  issues: FieldIssue[],
  t: Translate,
  language: Language,
): boolean {
  const values = form.getFieldsValue(true) as Record<string, unknown>;
  const fields = issues.flatMap((issue) => {
    const name = issueFieldName(issue.path);
    if (!name || typeof name[0] !== 'string' || !(name[0] in schema.properties)) return [];
    return [{ name, errors: [issueMessage(issue, schema, values, t, language)] }];
  });
  form.setFields(fields);
  return fields.length > 0;
}

/**
 * Keeps a form's errors in the current language: the server's 422 issues (`issues`) are put
 * beside their fields, and after a language switch every error shown is said again. Render
 * it inside the antd Form.
 */
export function LocalizedErrors({ schema, issues }: { schema: FormSchema; issues: FieldIssue[] }) {
  const form = Form.useFormInstance();
  const t = useT();
  const language = useLanguage();
  useEffect(() => {
    const shown = form
      .getFieldsError()
      .filter((f) => f.errors.length > 0)
      .map((f) => f.name);
    const again = shown.length > 0 ? form.validateFields(shown) : Promise.resolve();
    void again
      .catch(() => undefined)
      .finally(() => {
        if (issues.length > 0) showFormIssues(form, schema, issues, t, language);
      });
  }, [form, schema, issues, t, language]);
  return null;
}

/** The top-level form field an API issue path names (`form.a.1` → `a`), if any. */
export function issueField(path: string): string | undefined {
  const name = issueFieldName(path)?.[0];
  return typeof name === 'string' ? name : undefined;
}
