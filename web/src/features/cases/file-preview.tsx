import { useEffect, useState } from 'react';
import { Alert, Spin } from 'antd';
import { useT } from '../../i18n';

type Preview =
  | { kind: 'loading' }
  | { kind: 'ready'; url: string; type: string }
  | { kind: 'failed'; status: number };

/**
 * An uploaded file shown in the page: images as images, PDFs in a frame, anything else as a
 * link. The file is fetched with the session (uploader or staff) and shown from a blob URL.
 */
export function FilePreview({ fileId, title }: { fileId: string; title: string }) {
  const t = useT();
  const [preview, setPreview] = useState<Preview>({ kind: 'loading' });
  const href = `/api/v1/files/${encodeURIComponent(fileId)}`;

  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    fetch(href, { credentials: 'include', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) {
          setPreview({ kind: 'failed', status: response.status });
          return;
        }
        const blob = await response.blob();
        url = URL.createObjectURL(blob);
        setPreview({ kind: 'ready', url, type: blob.type });
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError')) {
          setPreview({ kind: 'failed', status: 0 });
        }
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [href]);

  if (preview.kind === 'loading') return <Spin size="small" />;
  if (preview.kind === 'failed') {
    return <Alert type="error" showIcon title={t('preview.failed', { status: preview.status })} />;
  }
  if (preview.type.startsWith('image/')) {
    return <img src={preview.url} alt={title} className="file-preview__image" />;
  }
  if (preview.type === 'application/pdf') {
    return <iframe src={preview.url} title={title} className="file-preview__frame" />;
  }
  return (
    <a href={href} target="_blank" rel="noreferrer">
      {t('preview.open', { name: title })}
    </a>
  );
}
