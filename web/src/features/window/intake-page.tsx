import './window.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Checkbox, Form, Select, Skeleton, Tag } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import type { FieldIssue } from '@contracts/errors';
import { usePageTitle } from '../../app/use-page-title';
import { ApiError } from '../../api';
import { useLanguage, useT } from '../../i18n';
import {
  useBi,
  useBundleSearch,
  useGuide,
  useLimitText,
  useMatterSearch,
  type Guide,
  type SubjectKind,
} from '../catalog';
import {
  LocalizedErrors,
  MaterialChoices,
  SchemaFields,
  defaultChoice,
  initialFormValues,
  isSatisfied,
  issueField,
  newIdempotencyKey,
  submitApplication,
  toMaterialEntries,
  toSubmittedForm,
  type MaterialChoice,
} from '../cases';
import { ApplicantLookup, type WalkIn } from './applicant-lookup';
import { IntakeOutcome } from './intake-outcome';

/** Form fields the looked-up applicant fills: its name and number where a form asks for them. */
function prefill(guide: Guide, walkIn: WalkIn): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(guide.form.properties)) {
    const lower = name.toLowerCase();
    if (walkIn.kind === 'person') {
      if (lower === 'applicantname') values[name] = walkIn.name;
      if (p.format === 'id-number' && lower.startsWith('applicant')) values[name] = walkIn.idNumber;
    } else {
      if (p.format === 'credit-code') values[name] = walkIn.creditCode;
      if (lower === 'companyname') values[name] = walkIn.name;
    }
  }
  return values;
}

function SubjectPicker({
  walkIn,
  value,
  onChange,
}: {
  walkIn: WalkIn;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const t = useT();
  const bi = useBi();
  const [q, setQ] = useState('');
  const matters = useMatterSearch({ q: q || undefined, applicantType: walkIn.kind });
  const bundles = useBundleSearch({ q: q || undefined });
  const options = [
    {
      label: t('window.bundles'),
      options: (bundles.data ?? [])
        .filter((b) => b.applicantTypes.includes(walkIn.kind))
        .map((b) => ({ value: `bundle:${b.code}`, label: bi(b.name) })),
    },
    {
      label: t('window.matters'),
      options: (matters.data ?? [])
        .filter((m) => m.channels.includes('window'))
        .map((m) => ({
          value: `matter:${m.code}`,
          label: `${bi(m.name)} · ${bi(m.department.name)}`,
        })),
    },
  ];
  return (
    <Select
      aria-label={t('window.subject')}
      className="subject-picker"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      allowClear
      placeholder={t('window.subjectPlaceholder')}
      options={options}
      loading={matters.isFetching || bundles.isFetching}
      size="large"
    />
  );
}

function IntakeForm({
  guide,
  walkIn,
  onDone,
}: {
  guide: Guide;
  walkIn: WalkIn;
  onDone: (id: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const limit = useLimitText();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [choices, setChoices] = useState<Record<string, MaterialChoice>>({});
  const [originals, setOriginals] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [pending, setPending] = useState(false);
  const key = useRef(newIdempotencyKey());
  const onBusy = useCallback((m: string, b: boolean) => setBusy((s) => ({ ...s, [m]: b })), []);
  const current = (id: string) => {
    const m = guide.materials.find((x) => x.id === id);
    return choices[id] ?? (m ? defaultChoice(m) : undefined);
  };
  const missing = guide.materials.filter(
    (m) => (m.essential || m.allowMissing) && !isSatisfied(current(m.id)),
  );
  const deferred = guide.materials.filter(
    (m) => current(m.id)?.way === 'later' && isSatisfied(current(m.id)),
  );
  const checked = guide.materials.filter(
    (m) => originals[m.id] && current(m.id)?.way !== 'datahub',
  ).length;
  const action =
    missing.length > 0
      ? 'window.issueNotice'
      : deferred.length > 0
        ? 'window.acceptDeferred'
        : 'window.accept';

  async function submit() {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setPending(true);
    setFailure(null);
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    // 原件核验: the materials whose original the clerk saw (not those the data hub supplies).
    const seen = guide.materials
      .filter((m) => originals[m.id] && current(m.id)?.way !== 'datahub')
      .map((m) => m.id);
    try {
      const view = await submitApplication(
        {
          [guide.subject]: guide.code,
          form: toSubmittedForm(guide.form, values),
          materials: toMaterialEntries(guide.materials, choices, language),
          applicant:
            walkIn.kind === 'person'
              ? { idNumber: walkIn.idNumber, ...(walkIn.found ? {} : { name: walkIn.name }) }
              : { creditCode: walkIn.creditCode },
          channel: 'window',
          ...(seen.length > 0 ? { originals: seen } : {}),
        },
        key.current,
      );
      onDone(view.id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error);
      if (error.code === 'CASE_INVALID_FORM') setIssues(error.fieldIssues);
      // A refused attempt created nothing; the next one may carry other data.
      key.current = newIdempotencyKey();
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <section className="desk-card" aria-labelledby="intake-form">
        <h2 id="intake-form" className="section-title">
          {t('window.form')}
        </h2>
        <p className="section-intro">
          <Tag>{t('guide.promised', { limit: limit(guide.promisedLimit) })}</Tag>
        </p>
        <Form
          form={form}
          name="intake"
          layout="vertical"
          initialValues={initialFormValues(guide.form, prefill(guide, walkIn))}
          scrollToFirstError
          className="intake-form"
          onValuesChange={(changed: Record<string, unknown>) =>
            setIssues((list) => list.filter((i) => !((issueField(i.path) ?? '') in changed)))
          }
        >
          <SchemaFields schema={guide.form} />
          <LocalizedErrors schema={guide.form} issues={issues} />
        </Form>
      </section>
      <section className="desk-card" aria-labelledby="intake-checklist">
        <h2 id="intake-checklist" className="section-title">
          {t('window.checklist')}
        </h2>
        <p className="section-intro">
          {t('window.checklistSummary', {
            n: guide.materials.length,
            missing: missing.length,
            originals: checked,
          })}
        </p>
        <MaterialChoices
          materials={guide.materials}
          choices={choices}
          onChange={(c) => setChoices((s) => ({ ...s, [c.material]: c }))}
          onBusy={onBusy}
          extra={(m) =>
            current(m.id)?.way === 'datahub' ? null : (
              <Checkbox
                checked={Boolean(originals[m.id])}
                onChange={(e) => setOriginals((s) => ({ ...s, [m.id]: e.target.checked }))}
                className="material-card__original"
              >
                {t('window.original')}
              </Checkbox>
            )
          }
        />
      </section>
      {failure && <Alert type="error" showIcon role="alert" title={failure.message} />}
      <div className="wizard-actions">
        <Button
          type="primary"
          size="large"
          icon={<SendOutlined aria-hidden />}
          onClick={() => void submit()}
          loading={pending}
          disabled={Object.values(busy).some(Boolean)}
          danger={missing.length > 0}
        >
          {t(action)}
        </Button>
        {missing.length > 0 && (
          <span className="form-actions__hint">
            {t('window.noticeHint', { n: missing.length })}
          </span>
        )}
      </div>
    </>
  );
}

/**
 * 综合受理窗口: look the applicant up, pick any department's matter or bundle (无差别受理), fill
 * the form, go through the intake checklist (scans, commitments, 容缺, originals presented),
 * then accept or issue the one-time notice; the outcome shows the PDFs to print.
 */
export default function IntakePage() {
  const t = useT();
  usePageTitle(t('area.intake'));
  const [params, setParams] = useSearchParams();
  const [walkIn, setWalkIn] = useState<WalkIn | null>(null);
  const [subject, setSubject] = useState<string>();
  const [kind, code] = (subject?.split(':') ?? []) as [SubjectKind?, string?];
  const guide = useGuide(kind, code);
  const done = params.get('application');
  const [generation, setGeneration] = useState(0);
  const reset = useMemo(
    () => () => {
      setParams({}, { replace: false });
      setWalkIn(null);
      setSubject(undefined);
      setGeneration((n) => n + 1);
    },
    [setParams],
  );

  return (
    <div className="intake-page" key={generation}>
      <h1 className="page-heading">{t('area.intake')}</h1>
      {done ? (
        <section className="desk-card" aria-label={t('window.outcome')}>
          <IntakeOutcome id={done} onNext={reset} />
        </section>
      ) : (
        <>
          <section className="desk-card" aria-labelledby="intake-applicant">
            <h2 id="intake-applicant" className="section-title">
              {t('window.applicant')}
            </h2>
            <ApplicantLookup value={walkIn} onChange={setWalkIn} />
          </section>
          {walkIn && (
            <section className="desk-card" aria-labelledby="intake-subject">
              <h2 id="intake-subject" className="section-title">
                {t('window.subject')}
              </h2>
              <SubjectPicker walkIn={walkIn} value={subject} onChange={setSubject} />
            </section>
          )}
          {walkIn && subject && guide.isPending && <Skeleton active />}
          {guide.isError && <Alert type="error" showIcon title={guide.error.message} />}
          {walkIn && guide.data && (
            <IntakeForm
              key={`${guide.data.subject}:${guide.data.code}`}
              guide={guide.data}
              walkIn={walkIn}
              onDone={(id) => setParams({ application: id })}
            />
          )}
        </>
      )}
    </div>
  );
}
