import { Alert, Checkbox, Skeleton, Tag } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import type { GuideMaterial } from '@contracts/catalog';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { useBi, useDepartmentName } from '../catalog';
import type { ShownPreview } from './preview-api';

type Shown = ShownPreview['items'][number];

const STATUS: Partial<Record<Shown['status'], { key: MessageKey; color: string }>> = {
  found: { key: 'consent.status.found', color: 'green' },
  'named-in-form': { key: 'consent.status.namedInForm', color: 'blue' },
};
// The source holds nothing, does not answer or is not connected: the material is uploaded.
const NOT_AVAILABLE: readonly Shown['status'][] = ['no-record', 'unavailable', 'not-connected'];

/** A value of the source's record as the applicant reads it (sensitive parts arrive masked). */
function showValue(value: unknown, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('consent.noValue');
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value.length > 0
      ? value.map((v) => showValue(v, t)).join(t('consent.fieldSeparator'))
      : t('consent.noValue');
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .map((v) => showValue(v, t))
      .join(' ');
  return t('consent.noValue');
}

/**
 * 授权调取 in the review step: per material the data hub fetches on submission, the source
 * department, the data item and its fields with what the source holds (from the preview,
 * sensitive values masked by the server), the materials the data cannot
 * supply (to upload), and the applicant's consent, without which the wizard does not submit.
 */
export function DataConsent({
  fetched,
  preview,
  consented,
  onConsent,
}: {
  fetched: GuideMaterial[];
  preview: { data?: ShownPreview; isPending: boolean; isError: boolean };
  consented: boolean;
  onConsent: (agreed: boolean) => void;
}) {
  const t = useT();
  const bi = useBi();
  const departmentName = useDepartmentName();
  const shown = (m: GuideMaterial) => preview.data?.items.find((i) => i.material === m.id);
  const missing = fetched.filter((m) => {
    const s = shown(m);
    return s !== undefined && NOT_AVAILABLE.includes(s.status);
  });
  const listed = fetched.filter((m) => !missing.includes(m));
  const fieldLabel = (f: Shown['fields'][number]) =>
    f.sensitivity === 'sensitive'
      ? t('consent.sensitiveField', { field: bi(f.label) })
      : bi(f.label);
  const showsData = listed.some((m) => shown(m)?.status === 'found' && shown(m)?.data);
  return (
    <section className="data-consent" aria-labelledby="data-consent-title">
      <h2 id="data-consent-title" className="section-title">
        <CloudDownloadOutlined aria-hidden /> {t('consent.title')}
      </h2>
      <p className="section-intro">{t('consent.intro')}</p>
      {preview.isPending && <Skeleton active paragraph={{ rows: 3 }} title={false} />}
      {preview.isError && <Alert type="info" showIcon title={t('consent.previewFailed')} />}
      {listed.length > 0 && (
        <ul className="data-consent__list" aria-label={t('consent.listLabel')}>
          {listed.map((m) => {
            const s = shown(m);
            const status = s ? STATUS[s.status] : undefined;
            const fields = s?.fields ?? [];
            const data = s?.status === 'found' ? s.data : null;
            return (
              <li key={m.id} className="data-consent__item">
                <div className="data-consent__head">
                  <span className="data-consent__material">{bi(m.name)}</span>
                  {status && <Tag color={status.color}>{t(status.key)}</Tag>}
                </div>
                <dl className="data-consent__facts">
                  <dt>{t('consent.source')}</dt>
                  <dd>{departmentName(m.datahub?.source)}</dd>
                  <dt>{t('consent.item')}</dt>
                  <dd>{s?.itemName ? bi(s.itemName) : (m.datahub?.item ?? '')}</dd>
                  {data && fields.length > 0 ? (
                    <>
                      <dt>{t('consent.values')}</dt>
                      <dd>
                        <ul
                          className="plain-list"
                          aria-label={t('consent.valuesLabel', { material: bi(m.name) })}
                        >
                          {fields.map((f) => (
                            <li key={f.name}>
                              {t('consent.fieldValue', {
                                field: fieldLabel(f),
                                value: showValue(data[f.name], t),
                              })}
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </>
                  ) : (
                    <>
                      <dt>{t('consent.fields')}</dt>
                      <dd>
                        {fields.length > 0
                          ? fields.map(fieldLabel).join(t('consent.fieldSeparator'))
                          : t('consent.fieldsUnknown')}
                      </dd>
                    </>
                  )}
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      {showsData && <p className="section-intro">{t('consent.maskedNote')}</p>}
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="data-consent__missing"
          title={t('consent.unavailableTitle', { n: missing.length })}
          description={
            <>
              <ul className="plain-list" aria-label={t('consent.unavailableLabel')}>
                {missing.map((m) => (
                  <li key={m.id}>
                    {bi(m.name)}（{departmentName(m.datahub?.source)}）
                  </li>
                ))}
              </ul>
              <p>{t('consent.unavailableHint')}</p>
            </>
          }
        />
      )}
      <Checkbox
        className="data-consent__agree"
        checked={consented}
        onChange={(e) => onConsent(e.target.checked)}
      >
        {t('consent.agree')}
      </Checkbox>
    </section>
  );
}
