import './portal.css';
import { useCallback, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Skeleton, Steps } from 'antd';
import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { FieldIssue } from '@contracts/errors';
import { StatusPage } from '../../app/pages/status-page';
import { usePageTitle } from '../../app/use-page-title';
import { ApiError, NETWORK_ERROR_STATUS } from '../../api';
import { useLanguage, useT } from '../../i18n';
import { useMe } from '../auth';
import { useBi, useGuide, type Guide, type SubjectKind } from '../catalog';
import {
  MaterialChoices,
  LocalizedErrors,
  SchemaFields,
  choicesFromDraft,
  draftKey,
  initialFormValues,
  issueField,
  newIdempotencyKey,
  submitApplication,
  toMaterialEntries,
  toSubmittedForm,
  useDateTime,
  useDeleteDraft,
  useDrafts,
  useSaveDraft,
  type Draft,
  type MaterialChoice,
} from '../cases';
import { ApplyReview } from './apply-review';
import { DataConsent } from './data-consent';
import { consentFor, fetchedMaterials, useDataPreview } from './preview-api';

const STEP_KEYS = ['apply.stepForm', 'apply.stepMaterials', 'apply.stepReview'] as const;

/** Submits, retrying a lost connection with the same key (so it creates one application). */
async function submitWithRetry(...args: Parameters<typeof submitApplication>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await submitApplication(...args);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== NETWORK_ERROR_STATUS || attempt >= 3) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

function Wizard({
  guide,
  kind,
  draft,
  initialChoices,
}: {
  guide: Guide;
  kind: SubjectKind;
  draft?: Draft;
  initialChoices: Record<string, MaterialChoice>;
}) {
  const t = useT();
  const bi = useBi();
  const me = useMe();
  const language = useLanguage();
  const navigate = useNavigate();
  const dateTime = useDateTime();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const key = draftKey(kind, guide.code);
  const prefill =
    me.kind === 'person' && 'applicantName' in guide.form.properties
      ? { applicantName: me.displayName }
      : {};
  const [step, setStep] = useState(Math.min(draft?.step ?? 0, 2));
  const [values, setValues] = useState<Record<string, unknown>>(
    initialFormValues(guide.form, draft?.form ?? prefill),
  );
  const [choices, setChoices] = useState<Record<string, MaterialChoice>>(initialChoices);
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  // Bumped to mount the form afresh with new initial values (starting over).
  const [formGeneration, setFormGeneration] = useState(0);
  // The server's last 422 field issues; each is dropped once its field is edited.
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // 授权调取: agreed to on the review step, for the data listed there.
  const [consented, setConsented] = useState(false);
  const [resumedAt, setResumedAt] = useState(draft?.updatedAt ?? null);
  // One key per attempt to submit this content: a double click or a retry sends it again.
  const idempotencyKey = useRef(newIdempotencyKey());
  const save = useSaveDraft();
  const remove = useDeleteDraft();
  const uploading = Object.values(busy).some(Boolean);
  const entries = toMaterialEntries(guide.materials, choices, language);
  const fetched = fetchedMaterials(guide.materials, entries);
  const preview = useDataPreview(kind, guide.code, step === 2 && fetched.length > 0);
  const needsConsent = fetched.length > 0;
  const onBusy = useCallback(
    (material: string, b: boolean) => setBusy((s) => ({ ...s, [material]: b })),
    [],
  );

  const currentValues = () =>
    step === 0 ? { ...values, ...(form.getFieldsValue(true) as Record<string, unknown>) } : values;

  function go(next: number) {
    setValues(currentValues());
    setFailure(null);
    if (next === 2) {
      idempotencyKey.current = newIdempotencyKey();
      // What is fetched depends on the materials step: agree again to what is shown now.
      setConsented(false);
    }
    setStep(next);
    window.scrollTo({ top: 0 });
  }

  async function next() {
    if (step === 0) {
      try {
        await form.validateFields();
      } catch {
        return;
      }
    }
    go(step + 1);
  }

  function saveDraft() {
    const form = currentValues();
    save.mutate(
      {
        key,
        subject: { kind, code: guide.code },
        form,
        materials: toMaterialEntries(guide.materials, choices, language),
        step,
      },
      {
        onSuccess: (saved) => {
          setValues(form);
          void message.success(t('apply.draftSaved', { at: dateTime(saved.updatedAt) }));
        },
        onError: (error) => void message.error(error.message),
      },
    );
  }

  function startOver() {
    remove.mutate(key, {
      onSuccess: () => {
        setValues(initialFormValues(guide.form, prefill));
        setChoices({});
        setResumedAt(null);
        setFormGeneration((n) => n + 1);
        setStep(0);
      },
    });
  }

  async function submit() {
    if (submitting || (needsConsent && !consented)) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const view = await submitWithRetry(
        {
          [kind]: guide.code,
          form: toSubmittedForm(guide.form, values),
          materials: entries,
          ...(needsConsent ? { consent: consentFor(fetched, preview.data) } : {}),
        },
        idempotencyKey.current,
      );
      if (draft || resumedAt || save.data) remove.mutate(key);
      void navigate(`/applications/${encodeURIComponent(view.id)}`, {
        replace: true,
        state: { submitted: true },
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error);
      if (error.code === 'CASE_INVALID_FORM' && error.fieldIssues.length > 0) {
        setIssues(error.fieldIssues);
        setStep(0);
        window.scrollTo({ top: 0 });
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="apply-page">
      <p className="guide-page__kicker">{t('apply.kicker')}</p>
      <h1 className="page-heading">{bi(guide.name)}</h1>
      <Steps
        current={step}
        size="small"
        responsive={false}
        className="apply-page__steps"
        items={STEP_KEYS.map((k) => ({ title: t(k) }))}
      />
      {resumedAt && (
        <Alert
          type="info"
          showIcon
          className="apply-page__resumed"
          title={t('apply.resumed', { at: dateTime(resumedAt) })}
          action={
            <Button size="small" onClick={startOver} loading={remove.isPending}>
              {t('apply.startOver')}
            </Button>
          }
        />
      )}
      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="apply-page__error"
          // The fields carry the details in the current language; this says where to look.
          title={failure.code === 'CASE_INVALID_FORM' ? t('apply.fixFields') : failure.message}
          action={
            failure.status === NETWORK_ERROR_STATUS ? (
              <Button size="small" onClick={() => void submit()}>
                {t('app.retry')}
              </Button>
            ) : undefined
          }
        />
      )}

      {step === 0 && (
        <Form
          key={formGeneration}
          form={form}
          name="apply"
          layout="vertical"
          initialValues={values}
          scrollToFirstError
          className="apply-page__form"
          onValuesChange={(changed: Record<string, unknown>) =>
            setIssues((list) => list.filter((i) => !((issueField(i.path) ?? '') in changed)))
          }
        >
          <h2 className="section-title">{t('apply.stepForm')}</h2>
          <SchemaFields schema={guide.form} />
          <LocalizedErrors schema={guide.form} issues={issues} />
        </Form>
      )}
      {step === 1 && (
        <>
          <h2 className="section-title">{t('apply.stepMaterials')}</h2>
          <p className="section-intro">{t('apply.materialsIntro')}</p>
          <MaterialChoices
            materials={guide.materials}
            choices={choices}
            onChange={(c) => setChoices((s) => ({ ...s, [c.material]: c }))}
            onBusy={onBusy}
          />
        </>
      )}
      {step === 2 && (
        <>
          <ApplyReview guide={guide} values={values} choices={choices} />
          {needsConsent && (
            <DataConsent
              fetched={fetched}
              preview={preview}
              consented={consented}
              onConsent={setConsented}
            />
          )}
        </>
      )}

      <div className="wizard-actions">
        {step > 0 && (
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => go(step - 1)}>
            {t('apply.back')}
          </Button>
        )}
        <Button
          icon={<SaveOutlined aria-hidden />}
          onClick={saveDraft}
          loading={save.isPending}
          disabled={uploading}
        >
          {t('apply.saveDraft')}
        </Button>
        {step < 2 ? (
          <Button
            type="primary"
            icon={<ArrowRightOutlined aria-hidden />}
            iconPlacement="end"
            onClick={() => void next()}
            disabled={uploading}
          >
            {t('apply.next')}
          </Button>
        ) : (
          <Button
            type="primary"
            icon={<SendOutlined aria-hidden />}
            onClick={() => void submit()}
            loading={submitting}
            disabled={needsConsent && !consented}
          >
            {t('apply.submit')}
          </Button>
        )}
      </div>
      {uploading && <p className="wizard-actions__hint">{t('apply.waitUploads')}</p>}
      {step === 2 && needsConsent && !consented && (
        <p className="wizard-actions__hint">{t('consent.needed')}</p>
      )}
    </div>
  );
}

/** 在线申请: the wizard for a matter or bundle — form, materials, review, submit — with drafts. */
export default function ApplyPage() {
  const t = useT();
  const params = useParams();
  const kind: SubjectKind | undefined =
    params.kind === 'bundle' || params.kind === 'matter' ? params.kind : undefined;
  const code = params.code ?? '';
  const guide = useGuide(kind, code);
  const drafts = useDrafts(Boolean(kind));
  const draft = kind ? drafts.data?.find((d) => d.key === draftKey(kind, code)) : undefined;
  // The draft's files are named again (HEAD) before the wizard shows them.
  const choices = useQuery({
    queryKey: ['draft-choices', draft?.key, draft?.updatedAt],
    queryFn: () => (guide.data && draft ? choicesFromDraft(guide.data.materials, draft) : {}),
    enabled: Boolean(guide.data) && !drafts.isPending,
    staleTime: Infinity,
    gcTime: 0,
  });
  usePageTitle(t('apply.title'));

  if (!kind)
    return <StatusPage status="404" heading={t('apply.title')} subTitle={t('guide.notFound')} />;
  if (guide.isPending || drafts.isPending || choices.isPending) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }
  if (guide.isError) {
    return <Alert type="error" showIcon role="alert" title={guide.error.message} />;
  }
  return (
    <>
      {drafts.isError && <Alert type="warning" showIcon title={t('apply.draftsUnavailable')} />}
      {/* The wizard reads the draft once, when it mounts: saving later does not reset it. */}
      <Wizard guide={guide.data} kind={kind} draft={draft} initialChoices={choices.data ?? {}} />
    </>
  );
}
