import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CredentialView } from '../../../shared/contracts/credentials.js';
import { AppError } from '../../platform/errors/index.js';
import { claimText, paperQr, renderCredentialPaper, verifyUrl } from './credential-paper.js';
import { parseFontRef } from './font-locator.js';
import type { LoadedFont } from './pdf-sheet.js';

const REGULAR = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular';
const BOLD = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc#NotoSansCJKsc-Bold';
const LATIN_ONLY = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

function font(ref: string): LoadedFont {
  const { path, face } = parseFontRef(ref);
  return { data: fs.readFileSync(path), face };
}
const fonts = { regular: font(REGULAR), bold: font(BOLD) };

function buildCredential(overrides: Partial<CredentialView> = {}): CredentialView {
  return {
    id: 'cred-0001',
    type: 'BusinessLicence',
    vct: 'urn:cn:onetrip:BusinessLicence:1',
    name: { zh: '营业执照', en: 'Business licence' },
    kind: 'licence',
    issuer: { code: 'amr', name: '市场监督管理局' },
    claims: {
      creditCode: '91330681MA2K3XYZ1Q',
      companyName: '诸暨市一次办科技有限公司',
      legalRepresentativeName: '张伟',
      establishedOn: '2026-12-01',
    },
    status: 'valid',
    statusReason: null,
    issuedAt: '2026-12-01T00:00:00+08:00',
    expiresAt: null,
    applicationId: 'app-1',
    receiptNo: 'YCB2026120100000001',
    paper: true,
    ...overrides,
  };
}

const b64 = (bytes: number) => randomBytes(bytes).toString('base64url');

/** A string shaped like a paper copy's SD-JWT (`<jwt>~<disclosure>~…~`); 1.8 KB by default. */
function sdJwtLike(digests = 14): string {
  const header = Buffer.from(
    JSON.stringify({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'amr:20261201:Ab3dE' }),
  ).toString('base64url');
  const payload = Buffer.from(
    JSON.stringify({
      iss: 'https://onetrip.example',
      iat: 1764518400,
      exp: 1796054400,
      vct: 'urn:cn:onetrip:BusinessLicence:1',
      issuing_authority: 'amr',
      issuing_country: 'CN',
      status: {
        status_list: { idx: 81234, uri: 'https://onetrip.example/api/v1/status-lists/amr-1' },
      },
      _sd: Array.from({ length: digests }, () => b64(32)),
      _sd_alg: 'sha-256',
    }),
  ).toString('base64url');
  const disclosures = [
    ['creditCode', '91330681MA2K3XYZ1Q'],
    ['companyName', '诸暨市一次办科技有限公司'],
    ['legalRepresentativeName', '张伟'],
    ['establishedOn', '2026-12-01'],
  ].map((c) => Buffer.from(JSON.stringify([b64(16), ...c])).toString('base64url'));
  return `${header}.${payload}.${b64(64)}~${disclosures.join('~')}~`;
}

/** Page 1 rendered by poppler and every QR code on it as zbar reads it. */
function scan(pdf: Buffer, dpi: number): string {
  const png = spawnSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-'], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(png.status, png.stderr.toString()).toBe(0);
  const zbar = spawnSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', '-'], {
    input: png.stdout,
    maxBuffer: 16 * 1024 * 1024,
  });
  expect(zbar.status, zbar.stderr.toString()).toBe(0);
  // zbar ends each symbol with a newline.
  return zbar.stdout.toString('utf8').replace(/\n$/, '');
}

function textOf(pdf: Buffer, layout = false): string {
  const args = ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), '-', '-'];
  const out = spawnSync('pdftotext', args, { input: pdf });
  expect(out.status, out.stderr.toString()).toBe(0);
  return out.stdout.toString();
}
const squash = (s: string) => s.replace(/\s+/g, '');
/** The printed row of a label: its line of the page as laid out, spaces squashed. */
const rowOf = (pdf: Buffer, label: string) =>
  squash(
    textOf(pdf, true)
      .split('\n')
      .find((l) => l.includes(label)) ?? '',
  );

const render = (view: CredentialView, qrText: string) =>
  renderCredentialPaper({
    view,
    qrText,
    publicUrl: 'https://onetrip.example/',
    issuedBy: '市场监督管理局',
    issuedByEn: 'Administration for Market Regulation',
    printedAt: new Date('2026-12-07T02:00:00Z'),
    fonts,
  });

describe('paper form of an e-credential (电子证照纸质件)', () => {
  it('prints a QR code that a scanner reads back as the paper copy, exactly', async () => {
    // A typical copy (1.8 KB, error correction M) and a long one (2.4 KB, L).
    for (const [digests, level] of [
      [14, 0],
      [25, 1],
    ] as const) {
      const qrText = sdJwtLike(digests);
      expect(qrText.length).toBeGreaterThan(digests === 14 ? 1700 : 2400);
      expect(paperQr(qrText).errorCorrectionLevel.bit).toBe(level);
      const pdf = await render(buildCredential(), qrText);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // A desk scanner's 200 dpi and a print at 300 dpi.
      expect(scan(pdf, 200)).toBe(qrText);
      if (level === 0) expect(scan(pdf, 300)).toBe(qrText);
    }
    // Rasterising and scanning a page takes seconds on a busy machine.
  }, 60_000);

  it('is one A4 page with the type, the issuer, every claim by its label, the dates and the status', async () => {
    const pdf = await render(buildCredential(), sdJwtLike());
    const info = spawnSync('pdfinfo', ['-'], { input: pdf }).stdout.toString();
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);
    const text = squash(textOf(pdf));
    expect(text).toContain('营业执照电子证照纸质件');
    expect(text).toContain('Businesslicence—paperformofthee-credential');
    for (const label of ['发证机关', '统一社会信用代码', '名称', '法定代表人', '成立日期']) {
      expect(text).toContain(label);
    }
    for (const value of [
      '市场监督管理局',
      '91330681MA2K3XYZ1Q',
      '诸暨市一次办科技有限公司',
      '张伟',
    ]) {
      expect(text).toContain(value);
    }
    expect(rowOf(pdf, '统一社会信用代码')).toBe('统一社会信用代码91330681MA2K3XYZ1Q');
    expect(rowOf(pdf, '签发日期')).toBe('签发日期2026-12-01');
    expect(rowOf(pdf, '有效期至')).toBe('有效期至长期');
    expect(rowOf(pdf, '打印时状态')).toBe('打印时状态有效');
    expect(text).toContain(
      '扫码核验：持证人出示或张贴，任何人可在https://onetrip.example/verify或用核验终端扫码',
    );
    expect(text).toContain('打印时间：2026-12-0710:00:00+08:00');
  });

  it('shows a revoked credential as revoked, with the reason', async () => {
    const pdf = await render(
      buildCredential({ status: 'revoked', statusReason: '企业已注销' }),
      sdJwtLike(),
    );
    expect(rowOf(pdf, '打印时状态')).toBe('打印时状态已撤销（企业已注销）');
  });

  it('never prints an identity number whole, even one that reached it unmasked', async () => {
    const pdf = await render(
      buildCredential({
        type: 'NoCriminalRecordProof',
        name: { zh: '无犯罪记录证明', en: 'Certificate of no criminal record' },
        claims: { proofNumber: 'WFZ2026-0001', idNumber: '330681199003071233' },
      }),
      sdJwtLike(),
    );
    const text = squash(textOf(pdf));
    expect(rowOf(pdf, '公民身份号码')).toBe('公民身份号码330681********1233');
    expect(text).not.toContain('330681199003071233');
  });

  it('prints the same bytes for the same credential and time', async () => {
    const qrText = sdJwtLike();
    const view = buildCredential();
    expect((await render(view, qrText)).equals(await render(view, qrText))).toBe(true);
  });

  it('answers DOCUMENTS_FONT_MISSING for a font without Chinese', async () => {
    const latin = { data: fs.readFileSync(LATIN_ONLY), face: undefined };
    const err = await renderCredentialPaper({
      view: buildCredential(),
      qrText: 'x',
      publicUrl: 'https://onetrip.example',
      issuedBy: '市场监督管理局',
      printedAt: new Date(),
      fonts: { regular: latin, bold: undefined },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DOCUMENTS_FONT_MISSING');
  });
});

describe('claimText, paperQr, verifyUrl', () => {
  it('prints yes/no, lists and missing values in words', () => {
    expect(claimText(true)).toBe('是');
    expect(claimText(false)).toBe('否');
    expect(claimText(['公章', '财务专用章'])).toBe('公章、财务专用章');
    expect(claimText(null)).toBe('—');
    expect(claimText(1200)).toBe('1200');
  });

  it('keeps error correction M for short copies and takes L when M would make modules too small', () => {
    expect(paperQr('a'.repeat(1000)).errorCorrectionLevel.bit).toBe(0); // M
    expect(paperQr('a'.repeat(2000)).errorCorrectionLevel.bit).toBe(1); // L
  });

  it('names the verifier page without a doubled slash', () => {
    expect(verifyUrl('https://onetrip.example/')).toBe('https://onetrip.example/verify');
    expect(verifyUrl('https://onetrip.example')).toBe('https://onetrip.example/verify');
  });
});
