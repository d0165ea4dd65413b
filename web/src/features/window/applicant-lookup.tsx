import { useState } from 'react';
import { Alert, Button, Form, Input, Segmented } from 'antd';
import { CheckCircleFilled, IdcardOutlined, SearchOutlined, ShopOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useT } from '../../i18n';
import {
  creditCodeProblem,
  creditCodeTypingProblem,
  idNumberProblem,
  idNumberTypingProblem,
  lookupOrganization,
  lookupPerson,
} from '../cases';

/** The applicant at the window, once looked up. */
export type WalkIn =
  | { kind: 'person'; idNumber: string; name: string; found: boolean; masked: string }
  | { kind: 'company'; creditCode: string; name: string };

type Lookup =
  | { kind: 'person'; idNumber: string; found: boolean; masked: string }
  | { kind: 'company'; creditCode: string; found: boolean };

/**
 * 申请人: the clerk types the identity number (checked digit by digit as typed, GB 11643) or
 * the credit code (GB 32100) and looks the applicant up; a person not yet registered is
 * entered by name after the clerk has checked the identity card.
 */
export function ApplicantLookup({
  value,
  onChange,
}: {
  value: WalkIn | null;
  onChange: (walkIn: WalkIn | null) => void;
}) {
  const t = useT();
  const [kind, setKind] = useState<'person' | 'company'>('person');
  const [number, setNumber] = useState('');
  const [name, setName] = useState('');
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const typed = number.trim().toUpperCase();
  const typingProblem =
    kind === 'person' ? idNumberTypingProblem(typed) : creditCodeTypingProblem(typed);
  const fullProblem = kind === 'person' ? idNumberProblem(typed) : creditCodeProblem(typed);
  const complete = typed.length === 18;
  const status = typingProblem ? 'error' : complete && !fullProblem ? 'success' : undefined;

  function reset(nextKind = kind) {
    setKind(nextKind);
    setNumber('');
    setName('');
    setLookup(null);
    setError(null);
    onChange(null);
  }

  async function find() {
    if (fullProblem) return;
    setPending(true);
    setError(null);
    try {
      if (kind === 'person') {
        const found = await lookupPerson(typed);
        setLookup({
          kind,
          idNumber: typed,
          found: found.found,
          masked: found.maskedIdNumber,
          ...(found.name ? { name: found.name } : {}),
        });
        if (found.found && found.name) {
          onChange({
            kind,
            idNumber: typed,
            name: found.name,
            found: true,
            masked: found.maskedIdNumber,
          });
        }
      } else {
        const found = await lookupOrganization(typed);
        setLookup({
          kind,
          creditCode: found.creditCode,
          found: found.found,
          ...(found.name ? { name: found.name } : {}),
        });
        if (found.found && found.name)
          onChange({ kind, creditCode: found.creditCode, name: found.name });
      }
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      setError(caught.fieldIssues[0]?.message ?? caught.message);
    } finally {
      setPending(false);
    }
  }

  function register() {
    if (lookup?.kind !== 'person' || name.trim().length < 2) return;
    onChange({
      kind: 'person',
      idNumber: lookup.idNumber,
      name: name.trim(),
      found: false,
      masked: lookup.masked,
    });
  }

  if (value) {
    return (
      <div className="walk-in">
        <CheckCircleFilled aria-hidden className="walk-in__icon" />
        <div className="walk-in__who">
          <strong>{value.name}</strong>
          <span>
            {value.kind === 'person'
              ? `${t('window.idNumber')} ${value.masked}`
              : `${t('window.creditCode')} ${value.creditCode}`}
          </span>
          {value.kind === 'person' && !value.found && (
            <span className="walk-in__new">{t('window.newPerson')}</span>
          )}
        </div>
        <Button onClick={() => reset()}>{t('window.changeApplicant')}</Button>
      </div>
    );
  }

  return (
    <div className="applicant-lookup">
      <Segmented<'person' | 'company'>
        aria-label={t('window.applicantKind')}
        value={kind}
        onChange={(v) => reset(v)}
        options={[
          { value: 'person', label: t('window.person'), icon: <IdcardOutlined aria-hidden /> },
          { value: 'company', label: t('window.company'), icon: <ShopOutlined aria-hidden /> },
        ]}
      />
      <Form layout="vertical" onFinish={() => void find()} className="applicant-lookup__form">
        <Form.Item
          label={t(kind === 'person' ? 'window.idNumber' : 'window.creditCode')}
          htmlFor="walk-in-number"
          validateStatus={status}
          hasFeedback={Boolean(status)}
          help={
            typingProblem ? t(typingProblem) : complete && fullProblem ? t(fullProblem) : undefined
          }
        >
          <Input
            id="walk-in-number"
            value={number}
            onChange={(e) => {
              setNumber(e.target.value.toUpperCase());
              setLookup(null);
              setError(null);
            }}
            maxLength={18}
            autoComplete="off"
            spellCheck={false}
            className="mono-input"
            size="large"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SearchOutlined aria-hidden />}
          disabled={!complete || Boolean(fullProblem)}
          loading={pending}
        >
          {t('window.lookup')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {lookup && !lookup.found && lookup.kind === 'person' && (
        <div className="applicant-lookup__register">
          <Alert type="info" showIcon title={t('window.notFoundPerson', { id: lookup.masked })} />
          <label className="inline-field">
            <span>{t('window.name')}</span>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={50} />
          </label>
          <Button type="primary" onClick={register} disabled={name.trim().length < 2}>
            {t('window.useApplicant')}
          </Button>
        </div>
      )}
      {lookup && !lookup.found && lookup.kind === 'company' && (
        <Alert type="warning" showIcon title={t('window.notFoundCompany')} />
      )}
    </div>
  );
}
