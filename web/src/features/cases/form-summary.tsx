import { Descriptions, Grid } from 'antd';
import type { FormSchema } from '@contracts/catalog';
import { useLanguage, useT } from '../../i18n';
import { enumLabel, fieldLabel, isEmptyValue } from './form-rules';

/** The filled-in form as label–value pairs, in the order of the guide's form. */
export function FormSummary({
  schema,
  values,
  title,
  columns = 2,
}: {
  schema: FormSchema | undefined;
  values: Record<string, unknown>;
  title?: string;
  /** Label–value pairs side by side on a wide screen. */
  columns?: 1 | 2;
}) {
  const t = useT();
  const language = useLanguage();
  // Labels such as 法定代表人公民身份号码 leave no room beside them on a phone.
  const wide = Grid.useBreakpoint().sm ?? true;
  const names = schema
    ? Object.keys(schema.properties).filter((n) => !isEmptyValue(values[n]))
    : Object.keys(values);
  const show = (name: string, value: unknown): string => {
    const property = schema?.properties[name];
    if (Array.isArray(value)) {
      return value
        .map((v) => (property?.items ? enumLabel(property.items, v, language) : String(v)))
        .join(t('list.separator'));
    }
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (property?.enum) return enumLabel(property, value, language);
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    return JSON.stringify(value);
  };
  return (
    <Descriptions
      title={title}
      bordered
      size="small"
      layout={wide ? 'horizontal' : 'vertical'}
      column={{ xs: 1, sm: 1, md: columns }}
      items={names.map((name) => {
        const property = schema?.properties[name];
        return {
          key: name,
          label: property ? fieldLabel(property, language) : name,
          children: show(name, values[name]),
        };
      })}
    />
  );
}
