import { useCallback } from 'react';
import { Alert, Button, Space, Tag, message } from 'antd';
import { claimLabel } from '@contracts/credential-claims';
import type { CredentialView } from '@contracts/credentials';
import { useLanguage, useT } from '../../i18n';
import { REGISTRY_TYPES, useRegistryCredential, type RegistryType } from './wallet-api';

const STATUS_COLOR = { valid: 'green', revoked: 'red', suspended: 'orange' } as const;

/** 有效 / 已撤销 / 已暂停 of a credential. */
export function CredentialStatusTag({ status }: { status: CredentialView['status'] }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`wallet.status.${status}`)}</Tag>;
}

/** A claim's label in the reader's language (姓名 / Name). */
export function useClaimLabel(): (name: string) => string {
  const language = useLanguage();
  return useCallback((name) => claimLabel(name, language), [language]);
}

/** A claim's value in words: 是/否 for yes-no claims, 男/女, lists joined, the rest as text. */
export function useClaimValue(): (value: unknown) => string {
  const t = useT();
  const language = useLanguage();
  return useCallback(
    function text(value: unknown): string {
      if (value === null || value === undefined || value === '') return '—';
      if (typeof value === 'boolean') return t(value ? 'wallet.yes' : 'wallet.no');
      if (Array.isArray(value)) return value.map(text).join(language === 'zh' ? '、' : ', ');
      if (value === 'male' || value === 'female') return t(`wallet.sex.${value}`);
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
      return JSON.stringify(value);
    },
    [t, language],
  );
}

/** Formats a date (no time) in China time and the reader's language; "—" for none. */
export function useDate(): (iso: string | null | undefined) => string {
  const language = useLanguage();
  return useCallback(
    (iso) => {
      if (!iso) return '—';
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      return date.toLocaleDateString(language === 'zh' ? 'zh-CN' : 'en-GB', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: language === 'zh' ? '2-digit' : 'short',
        day: '2-digit',
      });
    },
    [language],
  );
}

/**
 * The 领取身份证 / 户口簿 / 驾驶证 / 居住证 buttons for the registry types given; a person the
 * registry has no record of is told so in words.
 */
export function RegistryButtons({ types }: { types: readonly RegistryType[] }) {
  const t = useT();
  const language = useLanguage();
  const registry = useRegistryCredential();
  const [toast, holder] = message.useMessage();
  if (types.length === 0) return null;
  const failed = registry.error;
  return (
    <div className="wallet-registry">
      {holder}
      <Space wrap>
        {types.map((type) => (
          <Button
            key={type}
            loading={registry.isPending && registry.variables === type}
            disabled={registry.isPending && registry.variables !== type}
            onClick={() =>
              registry.mutate(type, {
                onSuccess: (c) =>
                  void toast.success(t('wallet.registry.added', { name: c.name[language] })),
              })
            }
          >
            {t(`wallet.registry.${type}`)}
          </Button>
        ))}
      </Space>
      {failed && (
        <Alert
          className="wallet-registry__error"
          type={failed.status === 404 ? 'info' : 'error'}
          role="alert"
          showIcon
          title={failed.message}
          description={failed.status === 404 ? t('wallet.registry.none') : undefined}
        />
      )}
    </div>
  );
}

/** Every registry type, in the order the buttons show them. */
export const ALL_REGISTRY_TYPES = REGISTRY_TYPES;
