import type { ReactNode } from 'react';
import { Tag } from 'antd';
import type { Me } from '@contracts/auth';
import { useT, type MessageKey } from '../../i18n';

function Field({ label, children }: { label: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="account-card__field">
      <dt>{t('home.fieldLabel', { label })}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * The greeting on a home: "您好，{name}", the account's role(s), and what identifies it:
 * the department for staff, the masked ID number for a person, the company for a company.
 */
export function AccountCard({ me }: { me: Me }) {
  const t = useT();
  const roles: MessageKey[] =
    me.kind === 'staff' ? me.roles.map((r) => `role.${r}` as const) : [`role.${me.kind}`];

  return (
    <div className="account-card">
      <p className="account-card__greeting">{t('home.greeting', { name: me.displayName })}</p>
      <dl className="account-card__fields">
        <Field label={t('home.role')}>
          {roles.map((role) => (
            <Tag key={role} color="blue">
              {t(role)}
            </Tag>
          ))}
        </Field>
        {me.kind === 'staff' && me.department && (
          <Field label={t('home.department')}>{me.department.name}</Field>
        )}
        {me.kind !== 'staff' && me.maskedIdNumber && (
          <Field label={t(me.kind === 'company' ? 'home.representativeIdNumber' : 'home.idNumber')}>
            {me.maskedIdNumber}
          </Field>
        )}
        {me.organization && (
          <>
            <Field label={t('home.organization')}>{me.organization.name}</Field>
            <Field label={t('home.creditCode')}>{me.organization.creditCode}</Field>
          </>
        )}
      </dl>
    </div>
  );
}
