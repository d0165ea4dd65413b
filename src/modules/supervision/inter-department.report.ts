import PDFDocument from 'pdfkit';
import type { InterDepartmentFigures } from '../../../shared/contracts/index.js';
import { createFontLoader, type LoadedFont } from '../documents/index.js';
import { InterDepartmentErrors } from './inter-department.errors.js';
import type { MonthlyReportData } from './inter-department.service.js';

type Doc = PDFKit.PDFDocument;

const PAGE = { width: 841.89, height: 595.28 }; // A4 landscape: ten columns of figures
const MARGIN = { top: 36, left: 40, right: 40, bottom: 40 };
const CONTENT = PAGE.width - MARGIN.left - MARGIN.right;
const INK = '#1f2329';
const GREY = '#646a73';
const RULE = '#c9cdd4';
const SHADE = '#f2f3f5';
const ACCENT = '#a61b1b';
const NAME_WIDTH = 190;

const COLUMNS: { zh: string; en: string; value: (f: InterDepartmentFigures) => string }[] = [
  { zh: '收件', en: 'Received', value: (f) => String(f.received) },
  { zh: '办结', en: 'Completed', value: (f) => String(f.completed) },
  { zh: '按时办结', en: 'On time', value: (f) => String(f.completedOnTime) },
  { zh: '超期办结', en: 'Late', value: (f) => String(f.completedLate) },
  { zh: '在办', en: 'Open', value: (f) => String(f.open) },
  { zh: '超期在办', en: 'Open overdue', value: (f) => String(f.openOverdue) },
  { zh: '按时率', en: 'On-time rate', value: (f) => percent(f.onTimeRate) },
  { zh: '平均用时', en: 'Avg days', value: (f) => days(f.avgDays) },
  { zh: '平均法定时限', en: 'Avg legal limit', value: (f) => days(f.avgLegalDays) },
  { zh: '提速率', en: 'Speed-up', value: (f) => percent(f.speedUpRate) },
];
const COLUMN_WIDTH = (CONTENT - NAME_WIDTH) / COLUMNS.length;

/** A rate as the report prints it: 55.5%, or — when there is nothing to divide by. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

function days(d: number | null): string {
  return d === null ? '—' : d.toFixed(2);
}

/**
 * The printer of the public monthly report (部门间办事月度公开报告), as A4 landscape PDF with
 * the CJK font: totals, then per requesting department, per providing department and per
 * matter. Only departments and matters are named. Throws INTER_DEPARTMENT_FONT_MISSING (503).
 */
export function createReportPrinter(fonts: { fontPath?: string; boldFontPath?: string }) {
  const load = createFontLoader(() => InterDepartmentErrors.fontMissing());

  return async function print(report: MonthlyReportData, generatedAt: Date): Promise<Buffer> {
    if (!fonts.fontPath) throw InterDepartmentErrors.fontMissing();
    const regular = await load(fonts.fontPath);
    const bold = fonts.boldFontPath ? await load(fonts.boldFontPath).catch(() => regular) : regular;
    const [y, m] = report.month.split('-');
    const title = `部门间办事月度公开报告（${y}年${Number(m)}月）`;
    const doc: Doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: MARGIN,
      bufferPages: true,
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: title,
        Subject: `Inter-department matters: public monthly report ${report.month}`,
        Author: 'OneTrip (一次办) 效能监察',
        Creator: 'OneTrip (一次办)',
        CreationDate: generatedAt,
        ModDate: generatedAt,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    try {
      for (const [name, font] of [
        ['bold', bold],
        ['regular', regular],
      ] as const) {
        doc.registerFont(name, (font.parsed ?? font.data) as Buffer, font.face);
        doc.font(name);
        font.parsed ??= (doc as unknown as { _font?: { font?: LoadedFont['parsed'] } })._font?.font;
      }
    } catch {
      throw InterDepartmentErrors.fontMissing();
    }

    let top: number = MARGIN.top;
    let currentLabel = '';
    const bottom = PAGE.height - MARGIN.bottom - 20;

    doc.font('bold').fontSize(10).fillColor(ACCENT).text('一次办', MARGIN.left, top);
    doc.font('bold').fontSize(16).fillColor(INK).text(title, MARGIN.left, top, {
      width: CONTENT,
      align: 'center',
    });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(GREY)
      .text(`Inter-department matters: public monthly report, ${report.month}`, {
        width: CONTENT,
        align: 'center',
      });
    const asOf = new Date(report.asOf.getTime() + 8 * 3_600_000).toISOString();
    doc
      .fontSize(8)
      .text(
        `${report.complete ? '统计期间' : '本月截至'}：${asOf.slice(0, 10)} ${asOf.slice(11, 16)}（北京时间） · ` +
          '数据来源：一次办办件记录，自动生成 · 本报告仅含部门与事项的统计数据，不含任何个人信息',
        { width: CONTENT, align: 'center' },
      );
    top = doc.y + 10;

    function headerRow(label: string): void {
      const h = 26;
      doc.rect(MARGIN.left, top, CONTENT, h).fill(SHADE);
      doc
        .font('bold')
        .fontSize(8)
        .fillColor(INK)
        .text(label, MARGIN.left + 4, top + 4, {
          width: NAME_WIDTH - 8,
        });
      COLUMNS.forEach((c, i) => {
        const x = MARGIN.left + NAME_WIDTH + i * COLUMN_WIDTH;
        doc
          .font('bold')
          .fontSize(8)
          .fillColor(INK)
          .text(c.zh, x, top + 4, {
            width: COLUMN_WIDTH - 4,
            align: 'right',
          });
        doc
          .font('regular')
          .fontSize(6)
          .fillColor(GREY)
          .text(c.en, x, top + 15, {
            width: COLUMN_WIDTH - 4,
            align: 'right',
          });
      });
      top += h;
    }

    function row(name: string, f: InterDepartmentFigures): void {
      const h = Math.max(
        16,
        doc
          .font('regular')
          .fontSize(8)
          .heightOfString(name, { width: NAME_WIDTH - 8 }) + 6,
      );
      if (top + h > bottom) {
        // A table that runs on repeats its header on the new page.
        doc.addPage();
        top = MARGIN.top;
        headerRow(currentLabel);
      }
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(INK)
        .text(name, MARGIN.left + 4, top + 3, { width: NAME_WIDTH - 8 });
      COLUMNS.forEach((c, i) => {
        const x = MARGIN.left + NAME_WIDTH + i * COLUMN_WIDTH;
        doc.text(c.value(f), x, top + 3, { width: COLUMN_WIDTH - 4, align: 'right' });
      });
      top += h;
      doc
        .moveTo(MARGIN.left, top)
        .lineTo(MARGIN.left + CONTENT, top)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
    }

    function section(
      heading: { zh: string; en: string },
      label: string,
      rows: [string, InterDepartmentFigures][],
    ) {
      if (top + 70 > bottom) {
        doc.addPage();
        top = MARGIN.top;
      }
      doc.font('bold').fontSize(11).fillColor(INK).text(heading.zh, MARGIN.left, top);
      doc.font('regular').fontSize(7.5).fillColor(GREY).text(heading.en, MARGIN.left, doc.y);
      top = doc.y + 4;
      currentLabel = label;
      headerRow(label);
      if (rows.length === 0) {
        doc
          .font('regular')
          .fontSize(8)
          .fillColor(GREY)
          .text('本月无数据 · No requests this month', MARGIN.left + 4, top + 3);
        top = doc.y + 6;
      }
      for (const [name, f] of rows) row(name, f);
      top += 12;
    }

    section({ zh: '一、总体', en: 'Overall' }, '范围', [['全部部门间办事', report.totals]]);
    section(
      { zh: '二、按申请部门', en: 'By requesting department' },
      '申请部门',
      report.requesters.map((r) => [r.department.name.zh, r.figures]),
    );
    section(
      { zh: '三、按办理部门', en: 'By providing department' },
      '办理部门',
      report.providers.map((r) => [r.department.name.zh, r.figures]),
    );
    section(
      { zh: '四、按事项', en: 'By matter' },
      '事项（办理部门）',
      report.matters.map((r) => [`${r.name.zh}（${r.provider.name.zh}）`, r.figures]),
    );

    const notes = [
      '说明：一件申请的每个办理环节计为一项部门间请求。收件为本月开始办理的请求；办结为本月作出决定的请求；在办为统计时点尚未决定的请求。',
      '用时为自环节开始至作出决定的工作日（按官方工作日历的办公时间计）。提速率 = 1 − 平均用时 ÷ 平均法定时限，仅计有法定时限的事项；无法定时限显示“—”。',
      'Each step of an application is one request. Days are working days of office time. Speed-up = 1 − average time / average legal limit, over matters with a legal limit.',
    ];
    if (top + 50 > bottom) {
      doc.addPage();
      top = MARGIN.top;
    }
    doc.font('regular').fontSize(7.5).fillColor(GREY);
    for (const n of notes) {
      doc.text(n, MARGIN.left, top, { width: CONTENT });
      top = doc.y + 2;
    }

    const range = doc.bufferedPageRange();
    const generated = new Date(generatedAt.getTime() + 8 * 3_600_000).toISOString();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      doc.page.margins.bottom = 0;
      doc
        .font('regular')
        .fontSize(7)
        .fillColor(GREY)
        .text(
          `效能监察 · 生成于 ${generated.slice(0, 10)} ${generated.slice(11, 16)} · 第 ${i + 1} / ${range.count} 页`,
          MARGIN.left,
          PAGE.height - MARGIN.bottom,
          { width: CONTENT, align: 'center' },
        );
    }
    doc.end();
    return ended;
  };
}

export type ReportPrinter = ReturnType<typeof createReportPrinter>;
