import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { Alert, Button, Progress } from 'antd';
import {
  DeleteOutlined,
  FileDoneOutlined,
  ReloadOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { ApiError, uploadFile } from '../../api';
import { useT, type MessageKey, type MessageParams } from '../../i18n';
import { formatBytes, mediaTypeNames } from '../catalog';

/** A file stored on the server for a material. */
export interface UploadedFile {
  fileId: string;
  fileName: string;
  fileSize: number;
  mediaType: string;
}

const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** The media type of a chosen file: the browser's idea, else its extension's (OFD is unknown). */
function mediaTypeOf(file: File): string {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return file.type || BY_EXTENSION[extension] || '';
}

/** Why a file cannot be sent, checked before sending: empty, wrong type, too large. */
export function fileProblem(
  file: File,
  accept: { mediaTypes: string[]; maxSizeBytes: number },
  separator: string,
): { key: MessageKey; params?: MessageParams } | null {
  if (file.size === 0) return { key: 'upload.empty' };
  if (accept.mediaTypes.length > 0 && !accept.mediaTypes.includes(mediaTypeOf(file))) {
    return {
      key: 'upload.badType',
      params: { types: mediaTypeNames(accept.mediaTypes, separator) },
    };
  }
  if (file.size > accept.maxSizeBytes) {
    return { key: 'upload.tooLarge', params: { size: formatBytes(accept.maxSizeBytes) } };
  }
  return null;
}

type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; file: File; progress: number; attempt: number }
  | { kind: 'failed'; file: File | null; message: string };

/**
 * One material's upload: checks the file's type and size before sending, shows a progress
 * bar, retries by itself when the connection drops (and offers a retry button after that),
 * and then shows the stored file with a preview link. `onBusy` reports an upload in flight,
 * so the wizard does not move on with half a file.
 */
export function FileUploadField({
  label,
  accept,
  value,
  onChange,
  onBusy,
}: {
  label: string;
  accept: { mediaTypes: string[]; maxSizeBytes: number };
  value: UploadedFile | undefined;
  onChange: (file: UploadedFile | undefined) => void;
  onBusy?: (busy: boolean) => void;
}) {
  const t = useT();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => onBusy?.(state.kind === 'uploading'), [state.kind, onBusy]);

  async function send(file: File) {
    const problem = fileProblem(file, accept, t('list.separator'));
    if (problem) {
      setState({ kind: 'failed', file: null, message: t(problem.key, problem.params) });
      return;
    }
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'uploading', file, progress: 0, attempt: 1 });
    try {
      const stored = await uploadFile(file, {
        signal: controller.signal,
        onProgress: (progress) =>
          setState((s) => (s.kind === 'uploading' ? { ...s, progress } : s)),
        onRetry: (attempt) => setState((s) => (s.kind === 'uploading' ? { ...s, attempt } : s)),
      });
      setState({ kind: 'idle' });
      onChange({
        fileId: stored.fileId,
        fileName: stored.name || file.name,
        fileSize: stored.size,
        mediaType: stored.mediaType,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      const message = error instanceof ApiError ? error.message : t('upload.failed');
      setState({ kind: 'failed', file, message });
    }
  }

  function onPick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void send(file);
  }

  const acceptAttr = [
    ...accept.mediaTypes,
    ...Object.entries(BY_EXTENSION)
      .filter(([, type]) => accept.mediaTypes.includes(type))
      .map(([ext]) => `.${ext}`),
  ].join(',');

  return (
    <div className="file-upload">
      <input
        id={inputId}
        ref={input}
        type="file"
        accept={acceptAttr}
        className="visually-hidden"
        aria-label={t('upload.inputLabel', { material: label })}
        onChange={onPick}
        tabIndex={-1}
      />
      {value && state.kind !== 'uploading' && (
        <div className="file-upload__done">
          <FileDoneOutlined aria-hidden className="file-upload__icon" />
          <a
            href={`/api/v1/files/${encodeURIComponent(value.fileId)}`}
            target="_blank"
            rel="noreferrer"
            className="file-upload__name"
          >
            {value.fileName}
          </a>
          <span className="file-upload__size">{formatBytes(value.fileSize)}</span>
          <span className="file-upload__actions">
            <Button size="small" onClick={() => input.current?.click()}>
              {t('upload.replace')}
            </Button>
            <Button
              size="small"
              icon={<DeleteOutlined aria-hidden />}
              aria-label={t('upload.remove', { material: label })}
              onClick={() => onChange(undefined)}
            />
          </span>
        </div>
      )}
      {state.kind === 'uploading' && (
        <div className="file-upload__progress" aria-live="polite">
          <span className="file-upload__name">{state.file.name}</span>
          <Progress
            percent={Math.round(state.progress * 100)}
            size="small"
            aria-label={t('upload.progress', { material: label })}
          />
          {state.attempt > 1 && (
            <span className="file-upload__retry">{t('upload.retrying', { n: state.attempt })}</span>
          )}
        </div>
      )}
      {state.kind === 'failed' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={state.message}
          className="file-upload__error"
          action={
            state.file ? (
              <Button
                size="small"
                icon={<ReloadOutlined aria-hidden />}
                onClick={() => state.file && void send(state.file)}
              >
                {t('app.retry')}
              </Button>
            ) : undefined
          }
        />
      )}
      {!value && state.kind !== 'uploading' && (
        <Button icon={<UploadOutlined aria-hidden />} onClick={() => input.current?.click()}>
          {t('upload.choose')}
        </Button>
      )}
      <div className="file-upload__hint">
        {t('upload.hint', {
          types: mediaTypeNames(accept.mediaTypes, t('list.separator')),
          size: formatBytes(accept.maxSizeBytes),
        })}
      </div>
    </div>
  );
}
