import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useLanguageSwitch, useT } from './index';

/**
 * The 中文 / English button. Its text is the other language's name, marked with that
 * language's `lang` so screen readers pronounce it right; the title says what it does.
 */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const t = useT();
  const { language, toggle } = useLanguageSwitch();
  return (
    <Button
      type={type}
      icon={<GlobalOutlined aria-hidden />}
      onClick={toggle}
      lang={language === 'zh' ? 'en' : 'zh-CN'}
      title={t('lang.switchHint')}
    >
      {t('lang.switchTo')}
    </Button>
  );
}
