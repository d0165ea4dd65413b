import PDFDocument from 'pdfkit';
import { create as createQr } from 'qrcode';
import type { Bilingual } from '../../platform/errors/index.js';
import { maskIdNumbersIn } from '../../platform/logging/index.js';
import type { CredentialView } from '../../../shared/contracts/credentials.js';
import { claimLabel } from '../../../shared/contracts/credential-claims.js';
import { DocumentErrors } from './documents.errors.js';
import { chinaSecond } from './documents.text.js';
import type { LoadedFont } from './pdf-sheet.js';

// The paper form of an e-credential (电子证照纸质件): what the credential says, printed, and
// a large QR code of a paper copy (an SD-JWT without holder key, every claim disclosed) that
// any verifier scans. docs/credentials.md, "Paper".

const INK = '#1f2329';
const GREY = '#646a73';
const RULE = '#c9cdd4';
const SHADE = '#f2f3f5';
const ACCENT = '#a61b1b';
const WARN = '#b42318';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 36, left: 50, right: 50, bottom: 64 };
const CONTENT = PAGE.width - MARGIN.left - MARGIN.right;
const MM = 72 / 25.4;
/**
 * The QR code's width: 100 mm, less (down to 75 mm) when the claims leave less room on the
 * page. A paper copy's SD-JWT is 1.5–2 KB, a version 30–38 code; at 100 mm its modules stay
 * near 0.6 mm, which phone cameras and desk scanners read.
 */
export const PAPER_QR_MM = 100;
const MIN_QR_MM = 75;
/** Modules smaller than this make the code hard to read: then error correction L, not M. */
const MIN_MODULE_MM = 0.6;
const LABEL_WIDTH = 150;
const PAD = { x: 7, y: 4 };

const STATUS: Record<CredentialView['status'], Bilingual> = {
  valid: { zh: '有效', en: 'Valid' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  suspended: { zh: '已暂停', en: 'Suspended' },
};

/** What the paper form of a credential prints. */
export interface CredentialPaperInput {
  /** The credential as the holder's wallet shows it (identity numbers already masked). */
  view: CredentialView;
  /** What the QR code carries: the paper copy's SD-JWT, exactly. */
  qrText: string;
  /** The platform's public URL; the page names `<publicUrl>/verify`. */
  publicUrl: string;
  /** The issuing department's name as printed (发证机关). */
  issuedBy: string;
  /** Its English name, printed smaller below. */
  issuedByEn?: string;
  /** When it is printed (the clock port's time: the same credential prints the same bytes). */
  printedAt: Date;
  fonts: { regular: LoadedFont; bold: LoadedFont | undefined };
}

/** A claim's value as printed: yes/no, lists joined, and any identity number masked. */
export function claimText(value: unknown): string {
  // The view's claims come masked; a number that is not is still never printed whole.
  return maskIdNumbersIn(plain(value)).text;
}

function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(plain).join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '—';
}

/** An RFC 3339 instant as its date in China (2026-12-07); a bare date is kept as it is. */
function chinaDate(iso: string | null): string {
  if (!iso) return '长期';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : chinaSecond(at).slice(0, 10);
}

/**
 * The QR code of `text`: error correction M (a fold or a smudge is survived), or L when M
 * would make the modules too small or cannot hold the text. Throws when L cannot either
 * (more than 2,953 bytes).
 */
export function paperQr(text: string, widthMm: number = PAPER_QR_MM) {
  try {
    const medium = createQr(text, { errorCorrectionLevel: 'M' });
    if (widthMm / medium.modules.size >= MIN_MODULE_MM) return medium;
  } catch {
    // Too long for M: L holds about a quarter more.
  }
  return createQr(text, { errorCorrectionLevel: 'L' });
}

/**
 * Renders the paper form of an e-credential as a one-page A4 PDF: the type as title (营业执照
 * 电子证照纸质件), the issuing department, every claim with its label, the issue and expiry
 * dates, the status when printed, and a QR code of 75–100 mm of `qrText` with how to verify it.
 * Throws DOCUMENTS_FONT_MISSING when the font has no Chinese glyphs, and an Error when
 * `qrText` is too long for a QR code (more than about 2.9 KB).
 */
export async function renderCredentialPaper(input: CredentialPaperInput): Promise<Buffer> {
  const { view } = input;
  const title: Bilingual = {
    zh: `${view.name.zh} 电子证照纸质件`,
    en: `${view.name.en} — paper form of the e-credential`,
  };
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      // No claim in the metadata: a file list or a print queue shows only the type.
      Title: title.zh,
      Subject: title.en,
      Author: input.issuedBy,
      Creator: 'OneTrip (一次办)',
      CreationDate: input.printedAt,
      ModDate: input.printedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc, input.fonts);

  // Header: the platform's mark, the title, and the rule under it.
  let y = MARGIN.top;
  doc.font('bold').fontSize(10).fillColor(ACCENT).text('一次办', MARGIN.left, y);
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(GREY)
    .text('OneTrip · 电子证照', MARGIN.left, doc.y + 1);
  doc
    .font('bold')
    .fontSize(22)
    .fillColor(INK)
    .text(title.zh, MARGIN.left, y + 16, { width: CONTENT, align: 'center' });
  doc
    .font('regular')
    .fontSize(11)
    .fillColor(GREY)
    .text(title.en, MARGIN.left, doc.y, { width: CONTENT, align: 'center' });
  y = doc.y + 8;
  doc
    .moveTo(MARGIN.left, y)
    .lineTo(PAGE.width - MARGIN.right, y)
    .lineWidth(1.2)
    .strokeColor(ACCENT)
    .stroke();
  y += 14;

  // What the credential says, one labelled line each.
  const status = STATUS[view.status];
  const rows: { label: Bilingual; text: string; sub?: string; color?: string }[] = [
    {
      label: { zh: '发证机关', en: 'Issued by' },
      text: input.issuedBy,
      ...(input.issuedByEn ? { sub: input.issuedByEn } : {}),
    },
    ...Object.entries(view.claims).map(([name, value]) => ({
      label: { zh: claimLabel(name, 'zh'), en: claimLabel(name, 'en') },
      text: claimText(value),
    })),
    { label: { zh: '签发日期', en: 'Issued on' }, text: chinaDate(view.issuedAt) },
    {
      label: { zh: '有效期至', en: 'Valid until' },
      text: chinaDate(view.expiresAt),
      ...(view.expiresAt ? {} : { sub: 'No expiry' }),
    },
    {
      label: { zh: '打印时状态', en: 'Status when printed' },
      text: view.statusReason ? `${status.zh}（${view.statusReason}）` : status.zh,
      sub: `${status.en} at ${chinaSecond(input.printedAt)}`,
      ...(view.status === 'valid' ? {} : { color: WARN }),
    },
  ];
  const valueWidth = CONTENT - LABEL_WIDTH;
  const footerTop = PAGE.height - MARGIN.bottom + 14;
  for (const row of rows) {
    const label = { text: row.label.zh, sub: row.label.en };
    const h = Math.max(
      measure(doc, label, LABEL_WIDTH, 9.5),
      measure(doc, { text: row.text, ...(row.sub ? { sub: row.sub } : {}) }, valueWidth, 11),
    );
    if (y + h > footerTop - 14) {
      doc.addPage();
      y = MARGIN.top;
    }
    cell(doc, label, MARGIN.left, y, LABEL_WIDTH, h, 9.5, SHADE);
    cell(doc, row, MARGIN.left + LABEL_WIDTH, y, valueWidth, h, 11);
    y += h;
  }
  y += 18;

  // The QR code, centred, and how to use it; on a page of its own if the claims filled this one.
  const caption = {
    zh: `扫码核验：持证人出示或张贴，任何人可在 ${verifyUrl(input.publicUrl)} 或用核验终端扫码`,
    en: `Scan to verify: the holder shows or posts this page; anyone checks it at ${verifyUrl(input.publicUrl)} or with a verifier terminal`,
  };
  const note = {
    zh: '本纸质件的二维码证明所载内容与发证机关签发的一致，并可查验当前是否有效；不证明出示人即持证人。',
    en: 'The QR code proves that what is printed is what the issuer issued, and whether it is still valid; it does not prove who holds the paper.',
  };
  const captionHeight =
    doc.font('bold').fontSize(10).heightOfString(caption.zh, { width: CONTENT }) +
    doc.font('regular').fontSize(8).heightOfString(caption.en, { width: CONTENT }) +
    doc.fontSize(8.5).heightOfString(note.zh, { width: CONTENT }) +
    doc.fontSize(7).heightOfString(note.en, { width: CONTENT }) +
    16;
  // Above the bottom margin, where pdfkit would break the page in the middle of the caption.
  const room = (top: number) => PAGE.height - MARGIN.bottom - captionHeight - 10 - top;
  if (room(y) < MIN_QR_MM * MM) {
    doc.addPage();
    y = MARGIN.top;
  }
  const size = Math.min(PAPER_QR_MM * MM, room(y));
  const qr = paperQr(input.qrText, size / MM);
  drawQr(doc, qr, MARGIN.left + (CONTENT - size) / 2, y, size);
  y += size + 10;
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(INK)
    .text(caption.zh, MARGIN.left, y, { width: CONTENT, align: 'center' });
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(GREY)
    .text(caption.en, MARGIN.left, doc.y + 1, { width: CONTENT, align: 'center' });
  doc
    .fontSize(8.5)
    .fillColor(INK)
    .text(note.zh, MARGIN.left, doc.y + 6, { width: CONTENT, align: 'center' });
  doc
    .fontSize(7)
    .fillColor(GREY)
    .text(note.en, MARGIN.left, doc.y + 1, { width: CONTENT, align: 'center' });

  // Footer: who issued it, when it was printed, the credential's reference.
  doc.page.margins.bottom = 0;
  doc
    .moveTo(MARGIN.left, footerTop)
    .lineTo(PAGE.width - MARGIN.right, footerTop)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  const half = CONTENT / 2;
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(INK)
    .text(`发证机关：${input.issuedBy}`, MARGIN.left, footerTop + 6, {
      width: half + 40,
      lineBreak: false,
    });
  doc
    .fontSize(7)
    .fillColor(GREY)
    .text(`证照编号 Credential ${view.id}`, MARGIN.left, footerTop + 18, {
      width: half + 40,
      lineBreak: false,
    });
  const right = { width: half - 40, align: 'right' as const, lineBreak: false };
  doc
    .fontSize(8)
    .fillColor(INK)
    .text(
      `打印时间：${chinaSecond(input.printedAt)}`,
      MARGIN.left + half + 40,
      footerTop + 6,
      right,
    );
  doc
    .fontSize(7)
    .fillColor(GREY)
    .text('Printed by OneTrip (一次办)', MARGIN.left + half + 40, footerTop + 18, right);
  doc.end();
  return ended;
}

/** `<publicUrl>/verify`, without a doubled slash. */
export function verifyUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify`;
}

type Doc = PDFKit.PDFDocument;

/** Registers `regular` and `bold`; throws DOCUMENTS_FONT_MISSING if either cannot print Chinese. */
function registerFonts(doc: Doc, fonts: CredentialPaperInput['fonts']): void {
  const bold = fonts.bold ?? fonts.regular;
  try {
    for (const [name, font] of [
      ['bold', bold],
      ['regular', fonts.regular],
    ] as const) {
      // pdfkit accepts fontkit's parsed face again, which spares parsing the collection.
      doc.registerFont(name, (font.parsed ?? font.data) as Buffer, font.face);
      doc.font(name);
      const face = (doc as unknown as { _font?: { font?: LoadedFont['parsed'] } })._font?.font;
      if (typeof face?.layout === 'function') font.parsed ??= face;
      if (face?.hasGlyphForCodePoint && !face.hasGlyphForCodePoint(0x8bc1 /* 证 */))
        throw DocumentErrors.fontMissing();
    }
  } catch {
    throw DocumentErrors.fontMissing();
  }
}

interface Text {
  text: string;
  sub?: string;
  color?: string;
}

function measure(doc: Doc, t: Text, width: number, size: number): number {
  const w = width - 2 * PAD.x;
  let h = doc.font('regular').fontSize(size).heightOfString(t.text, { width: w });
  if (t.sub) h += doc.fontSize(size * 0.75).heightOfString(t.sub, { width: w });
  return h + 2 * PAD.y;
}

function cell(
  doc: Doc,
  t: Text,
  x: number,
  top: number,
  width: number,
  height: number,
  size: number,
  fill?: string,
): void {
  if (fill) doc.rect(x, top, width, height).fill(fill);
  doc.rect(x, top, width, height).lineWidth(0.5).strokeColor(RULE).stroke();
  const w = width - 2 * PAD.x;
  doc
    .font('regular')
    .fontSize(size)
    .fillColor(t.color ?? INK)
    .text(t.text, x + PAD.x, top + PAD.y, { width: w });
  if (t.sub)
    doc
      .fontSize(size * 0.75)
      .fillColor(t.color ?? GREY)
      .text(t.sub, x + PAD.x, doc.y, { width: w });
}

/** Draws a QR code as vector squares (sharp at any print resolution), on white. */
function drawQr(doc: Doc, qr: ReturnType<typeof createQr>, x: number, y: number, size: number) {
  const n = qr.modules.size;
  const m = size / n;
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      // A little overlap, so no hairline shows between neighbouring dark modules.
      if (qr.modules.get(row, col)) doc.rect(x + col * m, y + row * m, m + 0.05, m + 0.05);
    }
  }
  doc.fill('#000000');
}
