import { Button, Popover } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';

/** A "keyboard shortcuts" button whose popover lists the page's keys. */
export function ShortcutHelp({ items }: { items: [string, string][] }) {
  const t = useT();
  return (
    <Popover
      trigger="click"
      title={t('keys.title')}
      content={
        <dl className="shortcut-help">
          {items.map(([key, what]) => (
            <div key={key} className="shortcut-help__row">
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      }
    >
      <Button type="text" icon={<QuestionCircleOutlined aria-hidden />}>
        {t('keys.title')}
      </Button>
    </Popover>
  );
}
