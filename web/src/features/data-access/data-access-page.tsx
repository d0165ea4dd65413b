import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Typography,
  message,
} from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DataAccess } from '@contracts/datahub';
import { apiRequest } from '../../api';
import { useLanguage, useT, type MessageKey } from '../../i18n';
import { useAccessProof } from './access-proof';

const FAILURES = ['leaf', 'proof', 'root', 'signature', 'missing'];

/** The row's ledger state as the browser proved it: 已验证 only when the recomputed entry is in the signed log. */
function LedgerTag({ access }: { access: DataAccess }) {
  const t = useT();
  const proof = useAccessProof(access);
  if (proof.state === 'proven')
    return (
      <Tag color="green" title={t('dataAccess.provenDetail', { size: proof.treeSize })}>
        {t('dataAccess.onLedger')}
      </Tag>
    );
  if (proof.state === 'failed')
    return (
      <Tag
        color="red"
        role="alert"
        title={
          FAILURES.includes(proof.why)
            ? t(`ledger.failed.${proof.why}` as MessageKey, { message: '' })
            : t('ledger.failed.error', { message: proof.why })
        }
      >
        {t('dataAccess.ledgerFailed')}
      </Tag>
    );
  if (proof.state === 'checking') return <Tag>{t('dataAccess.checkingLedger')}</Tag>;
  return <Tag>{t('dataAccess.pendingLedger')}</Tag>;
}

/** 我的数据使用记录: every access to my data, newest first, with its ledger state and a way to contest it. */
export default function DataAccessPage() {
  const t = useT();
  const language = useLanguage();
  const accesses = useQuery({
    queryKey: ['me', 'data-access'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: DataAccess[] }>('/api/v1/me/data-access', { signal }),
  });
  const [contesting, setContesting] = useState<DataAccess | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const [toast, holder] = message.useMessage();
  const contest = useMutation({
    mutationFn: (input: { id: string; reason: string }) =>
      apiRequest(`/api/v1/me/data-access/${input.id}/contest`, {
        method: 'POST',
        body: { reason: input.reason },
      }),
    onSuccess: () => {
      setContesting(null);
      form.resetFields();
      void toast.success(t('dataAccess.contestSent'));
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {holder}
      <Typography.Title level={1}>{t('dataAccess.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dataAccess.intro')}</Typography.Paragraph>
      {accesses.error ? <Alert type="error" role="alert" message={accesses.error.message} /> : null}
      <Card>
        <List
          loading={accesses.isLoading}
          dataSource={accesses.data?.items ?? []}
          locale={{ emptyText: t('dataAccess.empty') }}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button key="contest" size="small" onClick={() => setContesting(a)}>
                  {t('dataAccess.contest')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>
                      {new Date(a.at).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', {
                        timeZone: 'Asia/Shanghai',
                      })}
                    </span>
                    <Tag>{t(`dataAccess.channel.${a.channel}` as MessageKey)}</Tag>
                    <LedgerTag access={a} />
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <span>
                      {t('dataAccess.by')}：
                      {a.departments.length > 0
                        ? a.departments.map((d) => d.name).join('、')
                        : t('dataAccess.self')}{' '}
                      · {t('dataAccess.role')}：{a.actorRole}
                    </span>
                    <span>
                      {t('dataAccess.items')}：
                      {a.items
                        .map(
                          (i) => `${i.name ? i.name[language] : i.item}（${i.fields.join('、')}）`,
                        )
                        .join('；')}
                    </span>
                    <span>
                      {t('dataAccess.purpose')}：
                      {a.applicationId ? (
                        <Link to={`/applications/${a.applicationId}`}>{a.purpose}</Link>
                      ) : (
                        a.purpose
                      )}
                    </span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={contesting !== null}
        title={t('dataAccess.contest')}
        okText={t('dataAccess.send')}
        confirmLoading={contest.isPending}
        onCancel={() => setContesting(null)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => contesting && contest.mutate({ id: contesting.id, reason: v.reason }))
        }
      >
        {contest.error ? <Alert type="error" role="alert" message={contest.error.message} /> : null}
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('dataAccess.contestReason')}
            rules={[{ required: true, message: t('dataAccess.contestReason') }]}
          >
            <Input.TextArea
              rows={3}
              placeholder={t('dataAccess.contestPlaceholder')}
              maxLength={500}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
