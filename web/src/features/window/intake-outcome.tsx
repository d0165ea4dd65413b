import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Result, Skeleton } from 'antd';
import { StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { useBi } from '../catalog';
import {
  NoticeCard,
  SupplyForm,
  DocumentButton,
  documentUrl,
  useApplication,
  useDateTime,
  useRefuse,
} from '../cases';

/**
 * What came of an intake: the acceptance with its receipt (受理回执) to print; or the one-time
 * notice (一次性告知书) to print, with the missing items to take in on the spot or a refusal of
 * intake (不予受理) with a reason; or the refusal.
 */
export function IntakeOutcome({ id, onNext }: { id: string; onNext: () => void }) {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  const { message } = App.useApp();
  const application = useApplication(id);
  const refuse = useRefuse(id);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');

  if (application.isPending) return <Skeleton active />;
  if (application.isError) {
    return <Alert type="error" showIcon role="alert" title={application.error.message} />;
  }
  const a = application.data;
  const next = (
    <Button icon={<UserAddOutlined aria-hidden />} onClick={onNext}>
      {t('window.next')}
    </Button>
  );
  const subject = `${bi(a.subject.name)} · ${a.applicant.name ?? ''}`;

  if (a.status === 'refused') {
    const action = [...a.actions].reverse().find((x) => x.type === 'refused');
    const why = typeof action?.data.reason === 'string' ? action.data.reason : '';
    return (
      <Result
        status="error"
        title={<h2 className="result-heading">{t('window.refusedTitle')}</h2>}
        subTitle={`${subject} · ${t('window.refusedReason', { reason: why })}`}
        extra={next}
      />
    );
  }

  if (a.status === 'deficient' && a.notice) {
    return (
      <div className="intake-outcome">
        <p className="intake-outcome__subject">
          {subject} · {t('apps.receiptNo', { no: a.receiptNo })}
        </p>
        <NoticeCard applicationId={a.id} notice={a.notice} />
        <div className="form-actions">
          <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setRefusing(true)}>
            {t('window.refuse')}
          </Button>
          {next}
        </div>
        <SupplyForm
          application={a}
          items={a.notice.items.map((i) => ({ material: i.material }))}
          title={t('window.takeInNow')}
        />
        <Modal
          open={refusing}
          title={t('window.refuseTitle')}
          okText={t('window.refuseConfirm')}
          okButtonProps={{
            danger: true,
            disabled: reason.trim().length < 2,
            loading: refuse.isPending,
          }}
          cancelText={t('common.cancel')}
          onCancel={() => setRefusing(false)}
          onOk={() =>
            refuse.mutate(reason.trim(), {
              onSuccess: () => {
                setRefusing(false);
                void message.success(t('window.refusedTitle'));
              },
            })
          }
        >
          <label className="stacked-field">
            <span>{t('window.refuseReason')}</span>
            <Input.TextArea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={1000}
              autoSize={{ minRows: 3 }}
            />
          </label>
          {refuse.error && <Alert type="error" showIcon title={refuse.error.message} />}
        </Modal>
      </div>
    );
  }

  const promised = a.followUps.filter((f) => f.kind === 'commitment');
  return (
    <Result
      status="success"
      title={<h2 className="result-heading">{t('window.acceptedTitle')}</h2>}
      subTitle={
        <>
          {subject}
          <br />
          {t('submitted.receiptNo')} <strong data-testid="receipt-no">{a.receiptNo}</strong>
          <br />
          {t('submitted.dueAt', { at: dateTime(a.dueAt) })}
          {a.dueProvisional && (
            <span title={t('due.provisionalHint')}> ({t('due.provisional')})</span>
          )}
          {promised.length > 0 && (
            <>
              <br />
              {t('window.withCommitments', { n: promised.length })}
            </>
          )}
          {a.originals.length > 0 && (
            <>
              <br />
              <span data-testid="originals-checked">
                {t('window.originalsChecked', {
                  names: a.originals.map((o) => bi(o.name)).join('、'),
                })}
              </span>
            </>
          )}
        </>
      }
      extra={
        <>
          <DocumentButton primary href={documentUrl.receipt(a.id)}>
            {t('doc.printReceipt')}
          </DocumentButton>
          {next}
        </>
      }
    />
  );
}
