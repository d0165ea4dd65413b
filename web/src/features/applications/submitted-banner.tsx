import { Result } from 'antd';
import type { ApplicationView } from '@contracts/cases';
import { useT } from '../../i18n';
import { useDateTime } from '../cases/light';
import { DocumentButton, documentUrl } from '../cases/view';

/** The banner right after submitting: the receipt, or that a one-time notice was issued. */
export function SubmittedBanner({ application }: { application: ApplicationView }) {
  const t = useT();
  const dateTime = useDateTime();
  if (application.status === 'deficient') {
    return (
      <Result
        status="warning"
        className="submitted-banner"
        title={<h2 className="result-heading">{t('submitted.deficientTitle')}</h2>}
        subTitle={t('submitted.deficientHint', { no: application.receiptNo })}
      />
    );
  }
  return (
    <Result
      status="success"
      className="submitted-banner"
      title={<h2 className="result-heading">{t('submitted.acceptedTitle')}</h2>}
      subTitle={
        <>
          <span className="submitted-banner__receipt">
            {t('submitted.receiptNo')}{' '}
            <strong data-testid="receipt-no">{application.receiptNo}</strong>
          </span>
          <br />
          {t('submitted.dueAt', { at: dateTime(application.dueAt) })}
          {application.dueProvisional && (
            <span title={t('due.provisionalHint')}> ({t('due.provisional')})</span>
          )}
        </>
      }
      extra={
        <DocumentButton primary href={documentUrl.receipt(application.id)}>
          {t('doc.receipt')}
        </DocumentButton>
      }
    />
  );
}
