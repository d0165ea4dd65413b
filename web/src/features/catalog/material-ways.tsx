import './catalog.css';
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import {
  CloudDownloadOutlined,
  EditOutlined,
  FieldTimeOutlined,
  UploadOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import type { GuideMaterial, SatisfactionWay } from '@contracts/catalog';
import { useT, type MessageKey } from '../../i18n';
import { useBi } from './bilingual';
import { useDepartmentName } from './catalog-api';

const MEDIA_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/ofd': 'OFD',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
};

/** "PDF、OFD" for a list of media types. */
export function mediaTypeNames(types: string[], separator: string): string {
  return types.map((m) => MEDIA_NAMES[m] ?? m).join(separator);
}

/** "20 MB" / "512 KB" for a byte count. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** Whether a material is essential (要件), may be promised later (容缺) or only if any (如有). */
export function needKey(m: Pick<GuideMaterial, 'essential' | 'allowMissing'>): MessageKey {
  if (m.essential) return 'material.need.essential';
  return m.allowMissing ? 'material.need.allowMissing' : 'material.need.optional';
}

/** The tag saying how necessary a material is. */
export function NeedTag({ material }: { material: Pick<GuideMaterial, 'essential' | 'allowMissing'> }) {
  const t = useT();
  const color = material.essential ? 'red' : material.allowMissing ? 'orange' : 'default';
  return <Tag color={color}>{t(needKey(material))}</Tag>;
}

const WAY_ICONS: Record<SatisfactionWay, ReactNode> = {
  datahub: <CloudDownloadOutlined aria-hidden />,
  credential: <WalletOutlined aria-hidden />,
  commitment: <EditOutlined aria-hidden />,
  upload: <UploadOutlined aria-hidden />,
};

/**
 * How a material can be satisfied, one line per way, preferred first: fetched for you from
 * shared data, from your wallet, by a commitment, by an upload (types and size), and for 容缺
 * materials that it may be promised and handed in later.
 */
export function MaterialWays({ material }: { material: GuideMaterial }) {
  const t = useT();
  const bi = useBi();
  const departmentName = useDepartmentName();
  const lines = material.satisfiedBy.map((way) => {
    switch (way) {
      case 'datahub':
        return t('material.way.datahub', {
          source: material.datahub ? departmentName(material.datahub.source) : '',
        });
      case 'credential':
        return t('material.way.credential', {
          credential: material.credential ? bi(material.credential.name) : '',
        });
      case 'commitment':
        return t('material.way.commitment');
      case 'upload':
        return material.upload
          ? t('material.way.uploadOf', {
              types: mediaTypeNames(material.upload.mediaTypes, t('list.separator')),
              size: formatBytes(material.upload.maxSizeBytes),
            })
          : t('material.way.upload');
    }
  });
  return (
    <ul className="material-ways">
      {material.satisfiedBy.map((way, i) => (
        <li key={way} className={`material-ways__way material-ways__way--${way}`}>
          {WAY_ICONS[way]} {lines[i]}
        </li>
      ))}
      {material.allowMissing && (
        <li className="material-ways__way material-ways__way--later">
          <FieldTimeOutlined aria-hidden /> {t('material.way.later')}
        </li>
      )}
    </ul>
  );
}
