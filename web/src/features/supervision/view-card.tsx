import { useId, useState, type ReactNode } from 'react';
import { Alert, App, Button, Empty, Segmented, Skeleton } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ApiError } from '../../api';
import { useT } from '../../i18n';
import { downloadWorkbook } from './supervision-api';

/** How a card shows its figures. */
export type CardMode = 'chart' | 'table';

/** The Excel button of a view: downloads the workbook with the session cookie. */
export function ExportButton({ url, fileName }: { url: string; fileName: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      await downloadWorkbook(url, fileName);
    } catch (error) {
      void message.error((error as ApiError).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void run()}>
      {t('supervision.export')}
    </Button>
  );
}

/**
 * A dashboard card: its title, a 图表/表格 switch, the Excel export of the same view, and
 * the loading, error and empty states; `chart` and `table` draw the same figures.
 */
export function ViewCard({
  title,
  extra,
  exportLink,
  pending,
  error,
  empty,
  chart,
  table,
  wide = false,
}: {
  title: string;
  extra?: ReactNode;
  exportLink?: { url: string; fileName: string };
  pending: boolean;
  error: ApiError | null;
  empty: boolean;
  chart?: () => ReactNode;
  table: () => ReactNode;
  wide?: boolean;
}) {
  const t = useT();
  const [mode, setMode] = useState<CardMode>(chart ? 'chart' : 'table');
  const titleId = useId();
  return (
    <section
      className={`desk-card supervision-card${wide ? ' supervision-card--wide' : ''}`}
      aria-labelledby={titleId}
    >
      <header className="supervision-card__head">
        <h2 className="supervision-card__title" id={titleId}>
          {title}
        </h2>
        <div className="supervision-card__tools">
          {extra}
          {chart && (
            <Segmented<CardMode>
              value={mode}
              onChange={setMode}
              aria-label={t('supervision.viewAs')}
              options={[
                { value: 'chart', label: t('supervision.chart') },
                { value: 'table', label: t('supervision.table') },
              ]}
            />
          )}
          {exportLink && <ExportButton {...exportLink} />}
        </div>
      </header>
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('supervision.loadFailed')}
          description={error.message}
        />
      ) : pending ? (
        <Skeleton active aria-label={t('supervision.loading')} />
      ) : empty ? (
        <Empty description={t('supervision.empty')} />
      ) : mode === 'chart' && chart ? (
        chart()
      ) : (
        table()
      )}
    </section>
  );
}
