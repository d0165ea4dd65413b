/*
 * A dashboard table as an Excel workbook (exceljs): one sheet, a bilingual header row
 * (中文 English), the figures as numbers (rates as numbers with a percentage format).
 */
import ExcelJS from 'exceljs';
import type {
  BundlesView,
  MetricRow,
  OverdueList,
  TownNode,
} from '../../../shared/contracts/supervision.js';

/** The media type of an .xlsx workbook. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Column {
  header: string;
  key: string;
  width?: number;
  percent?: boolean;
}

/** The columns of a MetricRow table. */
export const METRIC_COLUMNS: Column[] = [
  { header: '编码 Key', key: 'key', width: 16 },
  { header: '名称 Name', key: 'label', width: 24 },
  { header: '收件 Received', key: 'received' },
  { header: '受理 Accepted', key: 'accepted' },
  { header: '一次性告知 Deficient', key: 'deficient' },
  { header: '不予受理 Refused', key: 'refused' },
  { header: '办结 Completed', key: 'completed' },
  { header: '不予许可 Rejected', key: 'rejected' },
  { header: '平均用时（工作日） Avg days', key: 'avgDays' },
  { header: 'P90用时（工作日） P90 days', key: 'p90Days' },
  { header: '法定时限（工作日） Legal days', key: 'legalDays' },
  { header: '承诺时限（工作日） Promised days', key: 'promisedDays' },
  { header: '提速率 Speed-up rate', key: 'speedUpRate', percent: true },
  { header: '按时办结率 On-time rate', key: 'onTimeRate', percent: true },
  { header: '超期 Overdue', key: 'overdue' },
  { header: '件均补正 Supplements per application', key: 'supplementsPerApplication' },
  { header: '零跑腿率 Zero-trip rate', key: 'zeroTripRate', percent: true },
  { header: '最多跑一次率 One-trip rate', key: 'oneTripRate', percent: true },
  { header: '申请人提交材料 Materials asked', key: 'materialsAsked' },
  { header: '免提交材料 Materials not asked', key: 'materialsNotAsked' },
  { header: '数据共享调用 Data-hub calls', key: 'datahubCalls' },
  { header: '非常不满意 Rated 1', key: 'r1' },
  { header: '不满意 Rated 2', key: 'r2' },
  { header: '基本满意 Rated 3', key: 'r3' },
  { header: '满意 Rated 4', key: 'r4' },
  { header: '非常满意 Rated 5', key: 'r5' },
  { header: '差评率 Bad-rating rate', key: 'badRatingRate', percent: true },
  { header: '督办件 Follow-ups', key: 'followUps' },
  { header: '已办结督办 Follow-ups closed', key: 'followUpsClosed' },
  { header: '按时办结督办 Closed on time', key: 'followUpsClosedOnTime' },
];

function metricRecord(r: MetricRow & { rank?: number }): Record<string, unknown> {
  const [r1, r2, r3, r4, r5] = r.ratings;
  return { ...r, r1, r2, r3, r4, r5 };
}

/** What a sheet holds: its name, columns and rows. */
export interface SheetData {
  name: string;
  columns: Column[];
  rows: Record<string, unknown>[];
}

export function metricsSheet(name: string, rows: MetricRow[], totals?: MetricRow): SheetData {
  return {
    name,
    columns: METRIC_COLUMNS,
    rows: [...rows, ...(totals ? [totals] : [])].map(metricRecord),
  };
}

export function rankingSheet(rows: (MetricRow & { rank: number })[]): SheetData {
  return {
    name: '部门排名 Ranking',
    columns: [{ header: '名次 Rank', key: 'rank' }, ...METRIC_COLUMNS],
    rows: rows.map(metricRecord),
  };
}

export function overdueSheet(list: OverdueList): SheetData {
  return {
    name: '超期预警 Overdue',
    columns: [
      { header: '受理编号 Receipt no.', key: 'receiptNo', width: 22 },
      { header: '事项 Title', key: 'title', width: 24 },
      { header: '部门 Department', key: 'departmentName', width: 18 },
      { header: '预警 Alert', key: 'alert' },
      { header: '到期时间 Due at', key: 'dueAt', width: 26 },
      { header: '超期工作日 Days past due', key: 'overdueDays' },
      { header: '督办状态 Escalation', key: 'escalation', width: 18 },
      { header: '责任人 Owner', key: 'ownerName', width: 14 },
    ],
    rows: list.items.map((i) => ({ ...i })),
  };
}

export function bundlesSheet(view: BundlesView): SheetData {
  return {
    name: '一件事 Bundles',
    columns: [
      { header: '一件事 Bundle', key: 'bundle', width: 20 },
      { header: '环节 Step', key: 'step', width: 14 },
      { header: '部门 Department', key: 'department', width: 18 },
      { header: '收件 Received', key: 'received' },
      { header: '办结 Completed / decided', key: 'completed' },
      { header: '在办 Open', key: 'open' },
      { header: '平均用时（工作日） Avg days', key: 'avgDays' },
      { header: '承诺时限（工作日） Promised days', key: 'promisedDays' },
      { header: '件均提交材料 Materials per application', key: 'materialsPerApplication' },
      { header: '最后办结次数 Held the bundle up', key: 'holdsUp' },
    ],
    rows: view.rows.flatMap((b) => [
      {
        bundle: b.name,
        step: '',
        department: '',
        received: b.received,
        completed: b.completed,
        avgDays: b.avgDays,
        promisedDays: b.promisedDays,
        materialsPerApplication: b.materialsPerApplication,
      },
      ...b.steps.map((s) => ({
        bundle: b.name,
        step: s.stepId,
        department: s.departmentName,
        completed: s.decided,
        open: s.open,
        avgDays: s.avgDays,
        holdsUp: s.holdsUp,
      })),
    ]),
  };
}

export function townsSheet(root: TownNode[]): SheetData {
  const rows: Record<string, unknown>[] = [];
  const walk = (nodes: TownNode[], path: string[]) => {
    for (const n of nodes) {
      rows.push({
        code: n.code,
        place: [...path, n.name].join(' / '),
        received: n.received,
        completed: n.completed,
        badRatingRate: n.badRatingRate,
      });
      walk(n.children, [...path, n.name]);
    }
  };
  walk(root, []);
  return {
    name: '区域 Places',
    columns: [
      { header: '区划代码 Division', key: 'code', width: 12 },
      { header: '地区 Place', key: 'place', width: 28 },
      { header: '收件 Received', key: 'received' },
      { header: '办结 Completed', key: 'completed' },
      { header: '差评率 Bad-rating rate', key: 'badRatingRate', percent: true },
    ],
    rows,
  };
}

/** The workbook of one sheet, as bytes. */
export async function workbookOf(
  sheet: SheetData,
  meta: { title: string; asOf: string },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OneTrip supervision';
  wb.title = meta.title;
  const ws = wb.addWorksheet(sheet.name.slice(0, 31));
  ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  for (const r of sheet.rows) ws.addRow(r);
  sheet.columns.forEach((c, i) => {
    if (c.percent) ws.getColumn(i + 1).numFmt = '0.0%';
  });
  ws.getRow(1).numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
