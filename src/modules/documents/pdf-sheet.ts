import PDFDocument from 'pdfkit';
import { create as createQr } from 'qrcode';
import type { Bilingual } from '../../platform/errors/index.js';
import { DocumentErrors } from './documents.errors.js';

/** A font's bytes and, for a collection, the face; `parsed` is filled in on first use. */
export interface LoadedFont {
  data: Buffer;
  face: string | undefined;
  /**
   * fontkit's parsed face, kept from the first document: parsing a CJK collection costs
   * more than laying out a whole document, and pdfkit accepts the parsed face again.
   */
  parsed?: ParsedFont;
}

/** What pdfkit keeps of a font it opened (fontkit's font object). */
interface ParsedFont {
  layout: (...args: never[]) => unknown;
  hasGlyphForCodePoint?: (cp: number) => boolean;
}

/** One cell of a table: a main line and an optional smaller second line (the English). */
export interface Cell {
  text: string;
  sub?: string;
  color?: string;
}

/** A labelled field of a field table; `wide` ones take a whole line. */
export interface Field {
  label: Bilingual;
  value: Cell;
  wide?: boolean;
}

/** A column of a table. */
export interface Column {
  header: Bilingual;
  width: number;
  align?: 'left' | 'center';
}

const INK = '#1f2329';
const GREY = '#646a73';
const RULE = '#c9cdd4';
const SHADE = '#f2f3f5';
const ACCENT = '#a61b1b';
/** The colour of what is still missing, so a clerk sees it at a glance on paper. */
export const WARN = '#b42318';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 36, left: 50, right: 50, bottom: 64 };
const CONTENT = PAGE.width - MARGIN.left - MARGIN.right;
const PAD = { x: 6, y: 4 };
// Noto CJK's line height (ascent + descent ≈ 1.45 em) is generous for table cells.
const LINE_GAP = -1.5;
/** The type size of table rows. */
const BODY = 9;
const QR_SIZE = 72;

type Doc = PDFKit.PDFDocument;

// The current font as pdfkit keeps it, an internal; read defensively (it may change).
interface FontInternals {
  _font?: { font?: Partial<ParsedFont> };
}

/** Selects a registered font and returns fontkit's face of it, if pdfkit exposes one. */
function selectFont(doc: Doc, name: string): ParsedFont | undefined {
  doc.font(name);
  const font = (doc as unknown as FontInternals)._font?.font;
  return typeof font?.layout === 'function' ? (font as ParsedFont) : undefined;
}

/**
 * One printed A4 document being laid out top to bottom: the header with the title and the
 * QR code, field tables, tables that continue on a new page with their header repeated,
 * paragraphs, and on `finish` the footer on every page. Throws DOCUMENTS_FONT_MISSING when
 * the font cannot be opened or has no Chinese glyphs.
 */
export function createSheet(options: {
  fonts: { regular: LoadedFont; bold: LoadedFont | undefined };
  info: { title: string; subject: string; author: string; createdAt: Date };
  /** Fine print above the footer of every page (how to track, what to bring). */
  note?: Bilingual;
}) {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: options.info.title,
      Subject: options.info.subject,
      Author: options.info.author,
      Creator: 'OneTrip (一次办)',
      // The clock port's time, so the same application prints the same bytes in tests.
      CreationDate: options.info.createdAt,
      ModDate: options.info.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const { regular } = options.fonts;
  const bold = options.fonts.bold ?? regular;
  const faces: (ParsedFont | undefined)[] = [];
  try {
    for (const [name, font] of [
      ['bold', bold],
      ['regular', regular],
    ] as const) {
      doc.registerFont(name, (font.parsed ?? font.data) as Buffer, font.face);
      const face = selectFont(doc, name);
      faces.push(face);
      font.parsed ??= face;
    }
  } catch {
    throw DocumentErrors.fontMissing();
  }
  if (faces.some((f) => f?.hasGlyphForCodePoint && !f.hasGlyphForCodePoint(0x53d7 /* 受 */))) {
    throw DocumentErrors.fontMissing();
  }

  let y: number = MARGIN.top;
  // The footer rule; fine print sits just above it, so it never ends up alone on a last page.
  const footerTop = PAGE.height - MARGIN.bottom + 14;
  const note = options.note;
  const noteHeight = note
    ? doc.font('regular').fontSize(7.5).heightOfString(note.zh, { width: CONTENT }) +
      doc.fontSize(6.5).heightOfString(note.en, { width: CONTENT }) +
      2
    : 0;
  const bottom = footerTop - 14 - (note ? noteHeight + 6 : 0);

  function measure(cell: Cell, width: number, size: number): number {
    const w = width - 2 * PAD.x;
    let h = doc
      .font('regular')
      .fontSize(size)
      .heightOfString(cell.text || ' ', { width: w, lineGap: LINE_GAP });
    if (cell.sub)
      h += doc.fontSize(size * 0.78).heightOfString(cell.sub, { width: w, lineGap: LINE_GAP });
    return h + 2 * PAD.y;
  }

  function drawCell(
    cell: Cell,
    x: number,
    top: number,
    width: number,
    height: number,
    style: { size: number; fill?: string; align?: 'left' | 'center'; font?: 'regular' | 'bold' },
  ): void {
    if (style.fill) doc.rect(x, top, width, height).fill(style.fill);
    doc.rect(x, top, width, height).lineWidth(0.5).strokeColor(RULE).stroke();
    const w = width - 2 * PAD.x;
    const align = style.align ?? 'left';
    doc
      .font(style.font ?? 'regular')
      .fontSize(style.size)
      .fillColor(cell.color ?? INK)
      .text(cell.text || ' ', x + PAD.x, top + PAD.y, { width: w, align, lineGap: LINE_GAP });
    if (cell.sub) {
      doc
        .font('regular')
        .fontSize(style.size * 0.78)
        .fillColor(cell.color ?? GREY)
        .text(cell.sub, x + PAD.x, doc.y, { width: w, align, lineGap: LINE_GAP });
    }
  }

  function newPage(): void {
    doc.addPage();
    y = MARGIN.top;
  }

  return {
    /** Title centred (Chinese, English smaller below), document number, QR code at top right. */
    header(title: Bilingual, number: { label: Bilingual; value: string }, qrPayload: string) {
      const top = MARGIN.top;
      doc.font('bold').fontSize(10).fillColor(ACCENT).text('一次办', MARGIN.left, top);
      doc
        .font('regular')
        .fontSize(7)
        .fillColor(GREY)
        .text('OneTrip · 最多跑一次', MARGIN.left, doc.y + 1);

      const qrX = PAGE.width - MARGIN.right - QR_SIZE;
      drawQr(doc, qrPayload, qrX, top, QR_SIZE);
      doc
        .font('regular')
        .fontSize(7)
        .fillColor(GREY)
        .text('扫码查询办理进度', qrX - 10, top + QR_SIZE + 3, {
          width: QR_SIZE + 20,
          align: 'center',
        })
        .fontSize(6)
        .text('Scan to track', { width: QR_SIZE + 20, align: 'center' });
      const qrBottom = doc.y;

      doc
        .font('bold')
        .fontSize(22)
        .fillColor(INK)
        .text(title.zh, MARGIN.left, top + 16, { width: CONTENT, align: 'center' });
      doc
        .font('regular')
        .fontSize(11)
        .fillColor(GREY)
        .text(title.en, MARGIN.left, doc.y, { width: CONTENT, align: 'center' });
      doc
        .fontSize(10)
        .fillColor(INK)
        .text(`${number.label.zh} ${number.label.en}：${number.value}`, MARGIN.left, doc.y + 8, {
          width: CONTENT,
          align: 'center',
        });
      y = Math.max(doc.y, qrBottom) + 8;
      doc
        .moveTo(MARGIN.left, y)
        .lineTo(PAGE.width - MARGIN.right, y)
        .lineWidth(1.2)
        .strokeColor(ACCENT)
        .stroke();
      y += 12;
    },

    /** A section heading: an accent bar, the Chinese in bold, the English beside it. */
    heading(title: Bilingual) {
      if (y + 60 > bottom) newPage();
      y += 2;
      doc.rect(MARGIN.left, y + 2, 3, 12).fill(ACCENT);
      doc
        .font('bold')
        .fontSize(12)
        .fillColor(INK)
        .text(title.zh, MARGIN.left + 9, y);
      const zhWidth = doc.widthOfString(title.zh);
      doc
        .font('regular')
        .fontSize(8.5)
        .fillColor(GREY)
        .text(title.en, MARGIN.left + 15 + zhWidth, y + 3.5, { lineBreak: false });
      y += 20;
    },

    /**
     * A table of labelled fields, two to a line (a `wide` field takes the whole line); labels
     * shaded, each also in English.
     */
    fields(rows: Field[]) {
      const lines: Field[][] = [];
      for (const row of rows) {
        const last = lines.at(-1);
        if (!row.wide && last?.length === 1 && !last[0]?.wide) last.push(row);
        else lines.push([row]);
      }
      const labelWidth = 92;
      for (const line of lines) {
        const valueWidth = line.length === 1 ? CONTENT - labelWidth : CONTENT / 2 - labelWidth;
        const cells = line.map((f) => ({
          label: { text: f.label.zh, sub: f.label.en },
          value: f.value,
        }));
        const h = Math.max(
          ...cells.map((c) =>
            Math.max(measure(c.label, labelWidth, 9.5), measure(c.value, valueWidth, 10.5)),
          ),
        );
        if (y + h > bottom) newPage();
        let x = MARGIN.left;
        for (const c of cells) {
          drawCell(c.label, x, y, labelWidth, h, { size: 9.5, fill: SHADE });
          drawCell(c.value, x + labelWidth, y, valueWidth, h, { size: 10.5 });
          x += labelWidth + valueWidth;
        }
        y += h;
      }
      y += 12;
    },

    /** A table with a shaded header row that is repeated when the table goes on to a new page. */
    table(columns: Column[], rows: Cell[][]) {
      const scale = CONTENT / columns.reduce((s, c) => s + c.width, 0);
      const widths = columns.map((c) => c.width * scale);
      const head = columns.map((c): Cell => ({ text: c.header.zh, sub: c.header.en }));
      const rowHeight = (cells: Cell[], size: number) =>
        Math.max(...cells.map((c, i) => measure(c, widths[i] ?? 0, size)));
      const drawRow = (cells: Cell[], size: number, h: number, header: boolean) => {
        let x = MARGIN.left;
        cells.forEach((cell, i) => {
          const w = widths[i] ?? 0;
          drawCell(cell, x, y, w, h, {
            size,
            align: columns[i]?.align,
            ...(header ? { fill: SHADE, font: 'bold' as const } : {}),
          });
          x += w;
        });
        y += h;
      };
      const headHeight = rowHeight(head, 9);
      const drawHead = () => drawRow(head, 9, headHeight, true);
      if (y + headHeight + rowHeight(rows[0] ?? head, BODY) > bottom) newPage();
      drawHead();
      for (const cells of rows) {
        const h = rowHeight(cells, BODY);
        if (y + h > bottom) {
          newPage();
          drawHead();
        }
        drawRow(cells, BODY, h, false);
      }
      y += 12;
    },

    /** A paragraph in Chinese with its English below in smaller grey type. */
    paragraph(text: Bilingual) {
      const zhOptions = { width: CONTENT, lineGap: 1.5 };
      const h =
        doc.font('regular').fontSize(10).heightOfString(text.zh, zhOptions) +
        doc.fontSize(8).heightOfString(text.en, { width: CONTENT }) +
        7;
      if (y + h > bottom) newPage();
      doc.fontSize(10).fillColor(INK).text(text.zh, MARGIN.left, y, zhOptions);
      doc
        .fontSize(8)
        .fillColor(GREY)
        .text(text.en, MARGIN.left, doc.y + 1, { width: CONTENT });
      y = doc.y + 6;
    },

    /** Lines to sign on (recipient, clerk, date), side by side. */
    signatures(labels: Bilingual[]) {
      if (y + 56 > bottom) newPage();
      y += 18;
      const w = CONTENT / labels.length;
      labels.forEach((label, i) => {
        const x = MARGIN.left + i * w;
        doc.font('regular').fontSize(9.5).fillColor(INK).text(label.zh, x, y, { lineBreak: false });
        doc
          .fontSize(7.5)
          .fillColor(GREY)
          .text(label.en, x, y + 14, { lineBreak: false });
        doc
          .moveTo(x + 70, y + 14)
          .lineTo(x + w - 14, y + 14)
          .lineWidth(0.6)
          .strokeColor(INK)
          .stroke();
      });
      y += 36;
    },

    /** Draws the footer on every page (issuing office, print time, page n of m) and returns the PDF. */
    async finish(footer: { office: Bilingual; printedAt: string }): Promise<Buffer> {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        // The footer sits inside the bottom margin; without this pdfkit would open a new page.
        doc.page.margins.bottom = 0;
        const top = footerTop;
        const half = CONTENT / 2;
        if (note) {
          doc
            .font('regular')
            .fontSize(7.5)
            .fillColor(INK)
            .text(note.zh, MARGIN.left, top - 6 - noteHeight, { width: CONTENT });
          doc
            .fontSize(6.5)
            .fillColor(GREY)
            .text(note.en, MARGIN.left, doc.y + 1, { width: CONTENT });
        }
        doc
          .moveTo(MARGIN.left, top)
          .lineTo(PAGE.width - MARGIN.right, top)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
        doc
          .font('regular')
          .fontSize(8)
          .fillColor(INK)
          .text(`出具单位：${footer.office.zh}`, MARGIN.left, top + 6, {
            width: half + 60,
            lineBreak: false,
          });
        doc
          .fontSize(7)
          .fillColor(GREY)
          .text(`Issued by ${footer.office.en}`, MARGIN.left, top + 18, {
            width: half + 60,
            lineBreak: false,
          });
        const right = { width: half - 60, align: 'right' as const, lineBreak: false };
        doc
          .fontSize(8)
          .fillColor(INK)
          .text(`打印时间：${footer.printedAt}`, MARGIN.left + half + 60, top + 6, right);
        doc
          .fontSize(7)
          .fillColor(GREY)
          .text(
            `第 ${i - range.start + 1} 页，共 ${range.count} 页 · Page ${i - range.start + 1} of ${range.count}`,
            MARGIN.left + half + 60,
            top + 18,
            right,
          );
      }
      doc.end();
      return ended;
    },
  };
}

/** A sheet being laid out. */
export type Sheet = ReturnType<typeof createSheet>;

/**
 * Draws `payload` as a QR code (error correction M) of `size` points at (x, y), as vector
 * squares: sharp at any print resolution, and no image to embed.
 */
function drawQr(doc: Doc, payload: string, x: number, y: number, size: number): void {
  const qr = createQr(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  doc.fill('#000000');
}
