import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input, type FormInstance, type InputRef } from 'antd';
import { CloseCircleFilled, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginRequest } from '@contracts/auth';
import { ApiError } from '../../api';
import { useLanguage, useT, type Language } from '../../i18n';
import { LanguageSwitch } from '../../i18n/language-switch';
import { landingPath } from '../../app/areas';
import { TOTP_INVALID, TOTP_REQUIRED } from './auth-api';
import { NEXT_PARAM, safeNextPath } from './next-path';
import { useLogin, useSession } from './use-session';

interface PasswordValues {
  username: string;
  password: string;
}

interface TotpValues {
  totp: string;
}

type Step = { kind: 'password' } | { kind: 'totp'; credentials: PasswordValues };

/**
 * The login page: username and password, then for staff accounts a second step asking for
 * the 6-digit TOTP code. Afterwards it returns to `?next=` (a path of this app only) when
 * the account may open it, otherwise to the account's home (a staff member's desk). The server's message (already in the chosen language) is shown in
 * an alert; 422 field issues are shown at their fields.
 */
export default function LoginPage() {
  const t = useT();
  const [params] = useSearchParams();
  const session = useSession();
  const loginMutation = useLogin();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const language = useLanguage();
  // The server's message is in the language it was asked in; after a switch it is hidden.
  const [failure, setFailure] = useState<{ error: ApiError; language: Language } | null>(null);
  const error = failure?.language === language ? failure.error : null;
  const [passwordForm] = Form.useForm<PasswordValues>();
  const [totpForm] = Form.useForm<TotpValues>();
  // Bumped to focus the code input again: resetFields remounts it, so focus after commit.
  const [totpAttempt, setTotpAttempt] = useState(0);
  const totpInput = useRef<InputRef>(null);
  const wanted = safeNextPath(params.get(NEXT_PARAM)) ?? '/';

  useEffect(() => {
    if (step.kind === 'totp') totpInput.current?.focus();
  }, [step, totpAttempt]);

  if (session.data) return <Navigate to={landingPath(session.data, wanted)} replace />;

  /** Shows the server's message, and its 422 issues at the fields of `form` they name. */
  function showError(caught: unknown, form: FormInstance, fields: readonly string[]) {
    if (!(caught instanceof ApiError)) throw caught;
    setFailure({ error: caught, language });
    form.setFields(
      caught.fieldIssues
        .filter((issue) => fields.includes(issue.path))
        .map((issue) => ({ name: issue.path, errors: [issue.message] })),
    );
  }

  async function submit(request: LoginRequest) {
    setFailure(null);
    // On success the session cache holds the account and the <Navigate> above takes over.
    await loginMutation.mutateAsync(request);
  }

  async function onPassword(values: PasswordValues) {
    try {
      await submit(values);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === TOTP_REQUIRED) {
        setFailure(null);
        setStep({ kind: 'totp', credentials: values });
        return;
      }
      showError(caught, passwordForm, ['username', 'password']);
    }
  }

  async function onTotp(values: TotpValues) {
    if (step.kind !== 'totp') return;
    try {
      await submit({ ...step.credentials, totp: values.totp });
    } catch (caught) {
      showError(caught, totpForm, ['totp']);
      if (caught instanceof ApiError && caught.code === TOTP_INVALID) {
        totpForm.resetFields();
        setTotpAttempt((n) => n + 1);
      }
    }
  }

  function backToPassword() {
    setFailure(null);
    totpForm.resetFields();
    setStep({ kind: 'password' });
  }

  const pending = loginMutation.isPending;

  return (
    <div className="login-page">
      <header className="login-page__bar">
        <Link to="/" className="login-page__brand">
          {t('app.name')}
        </Link>
        <LanguageSwitch />
      </header>
      <main id="main" className="login-page__main">
        {/* Plain elements, not antd Card/Typography: they would double this page's code. */}
        <div className="login-page__card">
          <h1 className="login-page__title">
            {step.kind === 'password' ? t('login.title') : t('login.totpTitle')}
          </h1>
          <p className="login-page__hint">
            {step.kind === 'password' ? t('app.tagline') : t('login.totpHint')}
          </p>

          {error && (
            <Alert
              type="error"
              role="alert"
              showIcon
              icon={<CloseCircleFilled aria-hidden />}
              title={error.message}
              className="login-page__alert"
            />
          )}

          {step.kind === 'password' ? (
            // Distinct keys: rc-form binds a Form to its first `form` prop, so the two steps
            // must be two Form instances, not one Form whose prop changes.
            <Form<PasswordValues>
              key="password"
              form={passwordForm}
              name="login"
              layout="vertical"
              requiredMark={false}
              onFinish={(values) => void onPassword(values)}
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
              >
                <Input
                  prefix={<UserOutlined aria-hidden />}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  autoFocus
                  size="large"
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password
                  prefix={<LockOutlined aria-hidden />}
                  autoComplete="current-password"
                  size="large"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={pending}>
                {t('login.submit')}
              </Button>
            </Form>
          ) : (
            <Form<TotpValues>
              key="totp"
              form={totpForm}
              name="login-totp"
              layout="vertical"
              requiredMark={false}
              onFinish={(values) => void onTotp(values)}
            >
              <Form.Item
                name="totp"
                label={t('login.totp')}
                normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpRequired') }]}
              >
                <Input
                  ref={totpInput}
                  prefix={<SafetyOutlined aria-hidden />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  size="large"
                  className="login-page__totp"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={pending}>
                {t('login.totpSubmit')}
              </Button>
              <Button type="link" block onClick={backToPassword} className="login-page__back">
                {t('login.back')}
              </Button>
            </Form>
          )}
        </div>
      </main>
    </div>
  );
}
