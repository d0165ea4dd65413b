import { Alert } from 'antd';
import type { ApplicationView } from '@contracts/cases';
import { useT } from '../../i18n';
import { useBi } from '../catalog';
import { documentUrl } from './cases-api';
import { DocumentButton } from './document-button';
import { useDateTime } from './format';

/**
 * The one-time notice (一次性告知): every missing or invalid item at once, each with what to
 * do, and the notice as a PDF to print or keep.
 */
export function NoticeCard({
  applicationId,
  notice,
}: {
  applicationId: string;
  notice: NonNullable<ApplicationView['notice']>;
}) {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  return (
    <section className="notice-card" aria-labelledby="notice-title">
      <Alert
        type="warning"
        showIcon
        title={
          <h2 id="notice-title" className="notice-card__title">
            {t('notice.title')}
          </h2>
        }
        description={
          <>
            <p className="notice-card__intro">
              {t('notice.intro', { n: notice.items.length, at: dateTime(notice.issuedAt) })}
            </p>
            <ol className="notice-card__items" aria-label={t('notice.items')}>
              {notice.items.map((item) => (
                <li key={item.material} className="notice-card__item">
                  <strong>{bi(item.name)}</strong>
                  <span className="notice-card__message">{bi(item.message)}</span>
                </li>
              ))}
            </ol>
            <DocumentButton href={documentUrl.notice(applicationId)}>
              {t('doc.notice')}
            </DocumentButton>
          </>
        }
      />
    </section>
  );
}
