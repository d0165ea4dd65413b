import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Spin } from 'antd';
import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import type { VerificationResult } from '@contracts/credentials';
import { ApiError, NETWORK_ERROR_STATUS } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { CREDENTIAL_TYPES } from './credential-types';
import { isOffline, keepIssuerKey, keepStatusList, replayRecord } from './offline-cache';
import { issuerKidOf, statusListUriOf, verifyInBrowser } from './offline-verify';
import { decodeDrawable, decodeImageFile } from './qr-decode';
import { ResultView } from './result-view';
import { verifyOnline } from './verifier-api';
import { createBrowserTrust, createWebVerifyCrypto, type TrustSnapshot } from './webcrypto-backend';

/** How often a camera frame is decoded. */
const FRAME_MS = 200;

const webCrypto = typeof crypto !== 'undefined' && crypto.subtle ? createWebVerifyCrypto() : null;

/** Why the camera cannot be used, as a message key. */
function cameraProblem(error: unknown): MessageKey {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'verifier.scan.cameraDenied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'verifier.scan.cameraMissing';
  return 'verifier.scan.cameraUnavailable';
}

/** The camera's picture, decoded every FRAME_MS until a QR code is found. */
function CameraScanner({
  onText,
  onProblem,
}: {
  onText: (text: string) => void;
  onProblem: (key: MessageKey) => void;
}) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onText, onProblem });
  handlers.current = { onText, onProblem };
  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      if (v && v.readyState >= 2 && v.videoWidth > 0) {
        const text = decodeDrawable(v, v.videoWidth, v.videoHeight, canvas);
        if (text) {
          handlers.current.onText(text);
          return;
        }
      }
      timer = setTimeout(tick, FRAME_MS);
    };
    if (!navigator.mediaDevices?.getUserMedia) {
      handlers.current.onProblem('verifier.scan.cameraUnavailable');
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        stream = s;
        if (stopped) return s.getTracks().forEach((track) => track.stop());
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().catch(() => undefined);
        }
        tick();
      })
      .catch((error: unknown) => {
        if (!stopped) handlers.current.onProblem(cameraProblem(error));
      });
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);
  return (
    <div className="verifier-camera">
      <video
        ref={video}
        muted
        playsInline
        className="verifier-camera__video"
        aria-label={t('verifier.scan.videoLabel')}
      />
      <p className="verifier-camera__hint">{t('verifier.scan.cameraHint')}</p>
    </div>
  );
}

/**
 * 扫描持证人二维码: the holder's 60-second QR or a paper QR, by camera, image file or pasted
 * text; verified by the server, or in the browser with the kept data when the network is gone.
 */
export function ScanTab({ reload }: { reload: () => Promise<TrustSnapshot> }) {
  const t = useT();
  const [camera, setCamera] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ result: VerificationResult; offline: boolean } | null>(
    null,
  );
  const imageInput = useRef<HTMLInputElement>(null);

  const verifyHere = async (presentation: string) => {
    const snapshot = await reload();
    if (snapshot.keys.length === 0 || !webCrypto) {
      setProblem(t('verifier.scan.noOfflineData'));
      return;
    }
    const now = new Date();
    const trust = createBrowserTrust(snapshot, {
      origin: location.origin,
      crypto: webCrypto,
      now: () => now,
      types: CREDENTIAL_TYPES,
    });
    const result = await verifyInBrowser(presentation, {
      trust,
      crypto: webCrypto,
      replay: replayRecord,
      now,
    });
    setOutcome({ result, offline: true });
  };

  const verify = async (raw: string) => {
    const presentation = raw.trim();
    if (!presentation) return;
    setCamera(false);
    setBusy(true);
    setProblem(null);
    try {
      if (isOffline()) {
        await verifyHere(presentation);
        return;
      }
      // The status list this presentation names, and its issuer's key when the kept JWKS
      // lacks it (made after the page loaded), are kept for later, whatever the verdict.
      const uri = statusListUriOf(presentation);
      const kid = issuerKidOf(presentation);
      if (uri || kid)
        void Promise.all([uri && keepStatusList(uri), kid && keepIssuerKey(kid)])
          .then(reload)
          .catch(() => undefined);
      try {
        setOutcome({ result: await verifyOnline(presentation), offline: false });
      } catch (error) {
        if (error instanceof ApiError && error.status === NETWORK_ERROR_STATUS)
          await verifyHere(presentation);
        else setProblem(error instanceof Error ? error.message : String(error));
      }
    } catch (error) {
      setProblem(
        t('verifier.scan.offlineFailed', {
          message: error instanceof Error ? error.message : String(error),
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  const onImage = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    let found: string | null;
    try {
      found = await decodeImageFile(file);
    } catch {
      setProblem(t('verifier.scan.imageUnreadable'));
      return;
    }
    if (!found) setProblem(t('verifier.scan.noQr'));
    else await verify(found);
  };

  if (outcome)
    return (
      <Space orientation="vertical" size="middle" className="verifier-shown">
        <ResultView result={outcome.result} offline={outcome.offline} />
        <Button
          size="large"
          type="primary"
          onClick={() => {
            setOutcome(null);
            setText('');
          }}
        >
          {t('verifier.scan.next')}
        </Button>
      </Space>
    );

  return (
    <Space orientation="vertical" size="middle" className="verifier-scan">
      <Alert type="info" role="note" showIcon title={t('verifier.scan.intro')} />
      {problem && <Alert type="error" role="alert" showIcon title={problem} />}
      {busy && (
        <div role="status">
          <Spin size="small" /> {t('verifier.scan.verifying')}
        </div>
      )}
      <Card size="small">
        <Space wrap>
          <Button
            icon={<CameraOutlined aria-hidden />}
            size="large"
            type={camera ? 'default' : 'primary'}
            onClick={() => {
              setProblem(null);
              setCamera((on) => !on);
            }}
            disabled={busy}
          >
            {camera ? t('verifier.scan.stopCamera') : t('verifier.scan.camera')}
          </Button>
          <Button
            icon={<PictureOutlined aria-hidden />}
            size="large"
            onClick={() => imageInput.current?.click()}
            disabled={busy}
          >
            {t('verifier.scan.image')}
          </Button>
          <input
            ref={imageInput}
            type="file"
            accept="image/*"
            hidden
            aria-label={t('verifier.scan.image')}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              void onImage(file);
            }}
          />
        </Space>
        {camera && (
          <CameraScanner
            onText={(found) => void verify(found)}
            onProblem={(key) => {
              setCamera(false);
              setProblem(t(key));
            }}
          />
        )}
      </Card>
      <Card size="small">
        <Form layout="vertical" onFinish={() => void verify(text)}>
          <Form.Item label={t('verifier.scan.paste')} htmlFor="verifier-paste">
            <Input.TextArea
              id="verifier-paste"
              value={text}
              onChange={(e) => setText(e.target.value)}
              // A desk scanner types the code and presses Enter: that verifies it at once.
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey && text.includes('~')) {
                  e.preventDefault();
                  void verify(text);
                }
              }}
              placeholder={t('verifier.scan.pastePlaceholder')}
              autoSize={{ minRows: 3, maxRows: 8 }}
              spellCheck={false}
              className="mono"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={!text.trim()}>
            {t('verifier.scan.verify')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
