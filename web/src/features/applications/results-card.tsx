import { Button, Descriptions } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ApplicationView } from '@contracts/cases';
import { useT, type MessageKey } from '../../i18n';
import { useBi, useDepartmentName, type Guide } from '../catalog';

const CLAIMS = new Set([
  'creditCode',
  'companyName',
  'legalRepresentativeName',
  'establishedOn',
  'sealFilingNumber',
  'sealTypes',
  'accountNumber',
  'bankName',
  'taxpayerId',
  'invoiceQuota',
  'proofNumber',
  'receiptNumber',
  'recordNumber',
  'idNumber',
  'licenceNumber',
  'certificateNumber',
]);

function claimLabel(claim: string, t: (key: MessageKey) => string): string {
  return CLAIMS.has(claim) ? t(`claim.${claim}` as MessageKey) : claim;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Saves the results as a JSON file (what each step issued, for the applicant's records). */
function download(application: ApplicationView) {
  const blob = new Blob(
    [
      JSON.stringify(
        {
          receiptNo: application.receiptNo,
          subject: application.subject,
          completedAt: application.completedAt,
          results: application.results,
        },
        null,
        2,
      ),
    ],
    { type: 'application/json' },
  );
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${application.receiptNo}-results.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 办理结果: what each step issued (licence numbers, records), with a download. */
export function ResultsCard({
  application,
  guide,
}: {
  application: ApplicationView;
  guide: Guide | undefined;
}) {
  const t = useT();
  const bi = useBi();
  const departmentName = useDepartmentName();
  return (
    <div className="results-card">
      {application.results.map((result) => {
        const task = application.tasks.find((x) => x.step === result.step);
        const output = guide?.outputs.find((o) => (o.step ?? guide.steps[0]?.id) === result.step);
        return (
          <Descriptions
            key={result.step}
            title={output ? bi(output.name) : task ? bi(task.name) : result.step}
            extra={departmentName(result.department)}
            size="small"
            bordered
            column={1}
            items={Object.entries(result.outputs).map(([claim, value]) => ({
              key: claim,
              label: claimLabel(claim, t),
              children: show(value),
            }))}
            className="results-card__item"
          />
        );
      })}
      <Button icon={<DownloadOutlined aria-hidden />} onClick={() => download(application)}>
        {t('results.download')}
      </Button>
    </div>
  );
}
