import {
  CheckCircleTwoTone,
  CloseCircleTwoTone,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OpenedLedgerEntry } from '@contracts/ledger';
import { useT, type MessageKey } from '../../i18n';
import { fetchVerificationMaterial, useApplicationLedger } from './ledger-api';
import { proveOpened } from './commitment';

type Outcome =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'ok'; size: number }
  | { state: 'failed'; key: MessageKey; message?: string };

function EntryRow({ entry }: { entry: OpenedLedgerEntry }) {
  const t = useT();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const verify = async () => {
    setOutcome({ state: 'busy' });
    try {
      const { checkpointNote, pinnedKey, proof } = await fetchVerificationMaterial(entry.index);
      const result = await proveOpened({
        index: entry.index,
        record: entry.opened.record,
        salt: entry.opened.salt,
        entryBase64: entry.entry,
        proof,
        checkpointNote,
        pinnedKey,
      });
      setOutcome(
        result.ok
          ? { state: 'ok', size: result.treeSize }
          : { state: 'failed', key: `ledger.failed.${result.failure ?? 'proof'}` as MessageKey },
      );
    } catch (error) {
      setOutcome({
        state: 'failed',
        key: 'ledger.failed.error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
  return (
    <List.Item
      actions={[
        <Button
          key="verify"
          size="small"
          icon={<SafetyCertificateOutlined />}
          loading={outcome.state === 'busy'}
          onClick={() => void verify()}
        >
          {outcome.state === 'busy' ? t('ledger.verifying') : t('ledger.verify')}
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <Tag>{t('ledger.index', { index: entry.index })}</Tag>
            <Typography.Text code>{entry.opened.record.action}</Typography.Text>
          </Space>
        }
        description={
          <Space direction="vertical" size={2}>
            <Typography.Text type="secondary">{entry.opened.record.time}</Typography.Text>
            {outcome.state === 'ok' ? (
              <Typography.Text role="status" type="success">
                <CheckCircleTwoTone twoToneColor="#52c41a" />{' '}
                {t('ledger.verified', { size: outcome.size })}
              </Typography.Text>
            ) : null}
            {outcome.state === 'failed' ? (
              <Typography.Text role="status" type="danger">
                <CloseCircleTwoTone twoToneColor="#ff4d4f" />{' '}
                {t(outcome.key, { message: outcome.message ?? '' })}
              </Typography.Text>
            ) : null}
          </Space>
        }
      />
    </List.Item>
  );
}

/** The ledger entries of an application, each with a "verify" action done by the browser itself (Web Crypto). */
export default function LedgerPanel({ applicationId }: { applicationId: string }) {
  const t = useT();
  const ledger = useApplicationLedger(applicationId);
  const entries = ledger.data?.entries ?? [];
  return (
    <Card title={t('ledger.title')} size="small">
      <Typography.Paragraph type="secondary">{t('ledger.intro')}</Typography.Paragraph>
      {ledger.data && ledger.data.pending.length > 0 ? (
        <Alert
          type="info"
          showIcon
          message={t('ledger.pending', { count: ledger.data.pending.length })}
        />
      ) : null}
      <List
        loading={ledger.isLoading}
        dataSource={[...entries].reverse()}
        locale={{ emptyText: t('ledger.empty') }}
        renderItem={(entry) => <EntryRow key={entry.index} entry={entry} />}
      />
    </Card>
  );
}
