import type { ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { ConfigProvider, type ThemeConfig } from 'antd';
// The ES builds: antd/locale/* are CommonJS shims that drag antd/lib into the bundle.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useLanguage } from '../i18n';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 8,
  },
};

/**
 * TanStack Query, and Ant Design configured for the current language (zhCN / enUS) and the
 * house theme. Buttons keep their text as written, so "登录" stays "登录", not "登 录".
 */
export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  const language = useLanguage();
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider
        locale={language === 'zh' ? zhCN : enUS}
        theme={theme}
        button={{ autoInsertSpace: false }}
      >
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
