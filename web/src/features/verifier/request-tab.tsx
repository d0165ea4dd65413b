import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Radio, Result, Select, Space, Spin } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import type { PresentationRequest } from '@contracts/credentials';
import { claimLabel } from '@contracts/credential-claims';
import { NETWORK_ERROR_STATUS, type ApiError } from '../../api';
import { useLanguage, useT, type MessageKey } from '../../i18n';
import { useBi } from '../catalog';
import { CREDENTIAL_TYPES } from './credential-types';
import { ResultView } from './result-view';
import { createPresentationRequest, getPresentationRequest } from './verifier-api';

/** How often the page asks whether the holder answered. */
const POLL_MS = 700;

/** A ready-made request: what a hotel desk, an internet café or a company check asks. */
interface Preset {
  key: 'lodging' | 'internetCafe' | 'business';
  type: string;
  claims: string[];
  purpose: { zh: string; en: string };
}

/** The presets of the request tab, in the order they are offered. */
export const PRESETS: Preset[] = [
  {
    key: 'lodging',
    type: 'ResidentIdCard',
    claims: ['name', 'age_over_18'],
    purpose: { zh: '住宿登记', en: 'Hotel check-in' },
  },
  {
    key: 'internetCafe',
    type: 'ResidentIdCard',
    claims: ['age_over_18', 'name'],
    purpose: { zh: '网吧上网', en: 'Internet café entry' },
  },
  {
    key: 'business',
    type: 'BusinessLicence',
    claims: ['companyName', 'creditCode', 'legalRepresentativeName'],
    purpose: { zh: '企业核验', en: 'Company check' },
  },
];

type PresetKey = Preset['key'] | 'custom';

interface RequestForm {
  type: string;
  claims: string[];
  purpose: string;
}

/** Seconds until `iso`, ticking every second (0 once past). */
function useSecondsLeft(iso: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  if (!iso) return 0;
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
}

/** The QR code of `text` as a PNG data URL (error correction M, a quiet zone, 320 px). */
function useQrDataUrl(text: string): string | null {
  const [url, setUrl] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, width: 320 })
      .then((u) => {
        if (live) setUrl({ text, url: u });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [text]);
  return url?.text === text ? url.url : null;
}

/** The request shown as a QR code, its countdown, and the result once the holder answered. */
function ShownRequest({ request, onNew }: { request: PresentationRequest; onNew: () => void }) {
  const t = useT();
  const bi = useBi();
  const language = useLanguage();
  const qr = useQrDataUrl(request.qr);
  const left = useSecondsLeft(request.expiresAt);
  const state = useQuery<Awaited<ReturnType<typeof getPresentationRequest>>, ApiError>({
    queryKey: ['verifier', 'request', request.id],
    queryFn: ({ signal }) => getPresentationRequest(request.id, signal),
    // Until answered or expired; a refusal (the request is gone, the session ended) stops it,
    // a lost connection does not.
    refetchInterval: (query) => {
      const { data, error } = query.state;
      if (data && data.state !== 'pending') return false;
      if (error && error.status !== NETWORK_ERROR_STATUS) return false;
      return left > 0 ? POLL_MS : false;
    },
    refetchIntervalInBackground: true,
    retry: false,
  });
  const current = state.data ?? { ...request, result: null };
  const result = current.result;
  const expired = !result && (current.state === 'expired' || left === 0);

  const newButton = (
    <Button onClick={onNew} size="large">
      {t('verifier.request.new')}
    </Button>
  );

  if (result)
    return (
      <Space orientation="vertical" size="middle" className="verifier-shown">
        <ResultView result={result} claimOrder={request.claims} />
        {newButton}
      </Space>
    );
  if (expired)
    return (
      <Result
        status="warning"
        title={t('verifier.request.expired')}
        subTitle={t('verifier.request.expiredHint')}
        extra={newButton}
      />
    );
  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, '0');
  return (
    <div className="verifier-shown">
      <div className="verifier-qr">
        {qr ? (
          <img
            src={qr}
            width={320}
            height={320}
            data-testid="verifier-qr"
            alt={t('verifier.request.qrAlt')}
            className="verifier-qr__image"
          />
        ) : (
          <Spin />
        )}
        <p className="verifier-qr__countdown" role="timer" aria-live="off">
          {t('verifier.request.expiresIn', { time: `${minutes}:${seconds}` })}
        </p>
      </div>
      <div className="verifier-shown__ask">
        <p>
          <strong>{bi(request.purpose)}</strong>
        </p>
        <p>{t('verifier.request.scanHint')}</p>
        <ul className="verifier-shown__claims">
          {request.claims.map((c) => (
            <li key={c}>{claimLabel(c, language)}</li>
          ))}
        </ul>
        <div className="verifier-shown__waiting">
          <Spin size="small" /> {t('verifier.request.waiting')}
        </div>
        {state.error &&
          (state.error.status === NETWORK_ERROR_STATUS ? (
            <Alert
              type="warning"
              showIcon
              title={t('verifier.request.pollError', { message: state.error.message })}
            />
          ) : (
            <Alert type="error" showIcon title={state.error.message} />
          ))}
        {newButton}
      </div>
    </div>
  );
}

/**
 * 请持证人扫码: the verifier picks a preset (住宿登记 …) or the type and claims, creates a
 * request and shows its QR code; the holder's wallet answers and the result appears.
 */
export function RequestTab() {
  const t = useT();
  const language = useLanguage();
  const [form] = Form.useForm<RequestForm>();
  const [preset, setPreset] = useState<PresetKey>('lodging');
  const [request, setRequest] = useState<PresentationRequest | null>(null);
  // What the form held when the request was made: a new request starts from it.
  const [last, setLast] = useState<RequestForm | null>(null);
  const type = Form.useWatch('type', form) ?? PRESETS[0]!.type;
  const create = useMutation<PresentationRequest, ApiError, RequestForm>({
    mutationFn: (values) => {
      const chosen = PRESETS.find((p) => p.key === preset);
      const text = values.purpose.trim();
      // A preset's purpose goes in both languages; one the verifier typed, as typed.
      const purpose =
        chosen && (text === chosen.purpose.zh || text === chosen.purpose.en)
          ? chosen.purpose
          : { zh: text, en: text };
      return createPresentationRequest({ types: [values.type], claims: values.claims, purpose });
    },
    onSuccess: setRequest,
  });

  // The purpose of a preset follows the reader's language.
  useEffect(() => {
    if (request) return;
    const chosen = PRESETS.find((p) => p.key === preset);
    const current = form.getFieldValue('purpose') as string | undefined;
    if (chosen && (current === chosen.purpose.zh || current === chosen.purpose.en))
      form.setFieldValue('purpose', chosen.purpose[language]);
  }, [language, preset, form, request]);

  const typeOptions = useMemo(
    () =>
      [...CREDENTIAL_TYPES.values()].map((info) => ({
        value: info.type,
        label: info.name[language],
      })),
    [language],
  );
  const claimOptions = (CREDENTIAL_TYPES.get(type)?.claims ?? []).map((c) => ({
    value: c,
    label: claimLabel(c, language),
  }));

  const applyPreset = (key: PresetKey) => {
    setPreset(key);
    const chosen = PRESETS.find((p) => p.key === key);
    if (chosen)
      form.setFieldsValue({
        type: chosen.type,
        claims: chosen.claims,
        purpose: chosen.purpose[language],
      });
  };

  if (request)
    return (
      <ShownRequest
        request={request}
        onNew={() => {
          setRequest(null);
          create.reset();
        }}
      />
    );

  const first = PRESETS[0]!;
  return (
    <div className="verifier-request">
      <Alert type="info" role="note" showIcon title={t('verifier.request.recommended')} />
      <Form<RequestForm>
        form={form}
        layout="vertical"
        className="verifier-request__form"
        initialValues={
          last ?? { type: first.type, claims: first.claims, purpose: first.purpose[language] }
        }
        onFinish={(values) => {
          setLast(values);
          create.mutate(values);
        }}
        onValuesChange={(changed: Partial<RequestForm>) => {
          if (changed.type !== undefined) {
            const allowed = CREDENTIAL_TYPES.get(changed.type)?.claims ?? [];
            const kept = (form.getFieldValue('claims') as string[] | undefined) ?? [];
            form.setFieldValue(
              'claims',
              kept.filter((c) => allowed.includes(c)),
            );
          }
          if (changed.type !== undefined || changed.claims !== undefined) setPreset('custom');
        }}
      >
        <Form.Item label={t('verifier.request.preset')}>
          <Radio.Group
            value={preset}
            onChange={(e) => applyPreset(e.target.value as PresetKey)}
            optionType="button"
            buttonStyle="solid"
            className="verifier-request__presets"
            options={[...PRESETS.map((p) => p.key), 'custom' as const].map((key) => ({
              value: key,
              label: t(`verifier.preset.${key}` as MessageKey),
            }))}
          />
        </Form.Item>
        <Form.Item name="type" label={t('verifier.request.type')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={typeOptions}
            aria-label={t('verifier.request.type')}
          />
        </Form.Item>
        <Form.Item
          name="claims"
          label={t('verifier.request.claims')}
          extra={t('verifier.request.claimsHint')}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('verifier.request.claimsRequired'),
            },
          ]}
        >
          <Checkbox.Group options={claimOptions} className="verifier-request__claims" />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('verifier.request.purpose')}
          rules={[
            { required: true, whitespace: true, message: t('verifier.request.purposeRequired') },
            { max: 100 },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {create.error && <Alert type="error" role="alert" showIcon title={create.error.message} />}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          loading={create.isPending}
          className="verifier-request__create"
        >
          {t('verifier.request.create')}
        </Button>
      </Form>
    </div>
  );
}
