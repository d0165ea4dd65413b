import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { locateCjkFont } from '../documents/index.js';
import { createReportPrinter, percent } from './inter-department.report.js';
import { firstInquiryOf, type MonthlyReportData } from './inter-department.service.js';
import { figuresOf } from './inter-department.figures.js';

const text = (pdf: Buffer) =>
  spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).stdout.toString('utf8');

describe('the public report printer', () => {
  it('runs a long table over pages with its header repeated, and prints rates as percentages', async () => {
    const fonts = locateCjkFont({});
    expect(fonts.fontPath).toBeDefined();
    const figures = figuresOf([]);
    const report: MonthlyReportData = {
      month: '2026-11',
      complete: true,
      asOf: new Date('2026-11-30T16:00:00Z'),
      totals: figures,
      requesters: [],
      providers: [],
      matters: Array.from({ length: 60 }, (_, i) => ({
        code: `m-${i}`,
        name: { zh: `测试事项${i}`, en: `Matter ${i}` },
        provider: { code: 'datab', name: { zh: '市大数据发展管理局', en: 'Big Data' } },
        legalLimitDays: null,
        promisedLimitDays: 3,
        figures,
      })),
    };
    const pdf = await createReportPrinter(fonts)(report, new Date('2026-12-01T02:00:00Z'));
    const pages = text(pdf)
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    const withMatters = pages.filter((p) => p.includes('测试事项'));
    expect(withMatters.length).toBeGreaterThan(1);
    for (const p of withMatters) expect(p).toContain('事项（办理部门）');
    expect(text(pdf)).toContain('测试事项59（市大数据发展管理局）');
    expect(percent(0.555)).toBe('55.5%');
    expect(percent(null)).toBe('—');
  });

  it('answers 503 INTER_DEPARTMENT_FONT_MISSING without a font', async () => {
    const report = { month: '2026-11', complete: true, asOf: new Date(), totals: figuresOf([]) };
    await expect(
      createReportPrinter({})(
        { ...report, requesters: [], providers: [], matters: [] },
        new Date(),
      ),
    ).rejects.toMatchObject({ status: 503, code: 'INTER_DEPARTMENT_FONT_MISSING' });
  });
});

describe('firstInquiryOf (首问负责)', () => {
  it('is the department of the first step that comes after no other', () => {
    const def = (steps: { id: string; department: string; after: string[] }[]) =>
      JSON.stringify({ steps });
    expect(firstInquiryOf(def([{ id: 'a', department: 'datab', after: [] }]))).toBe('datab');
    expect(
      firstInquiryOf(
        def([
          { id: 'b', department: 'finance', after: ['a'] },
          { id: 'a', department: 'datab', after: [] },
          { id: 'c', department: 'archives', after: [] },
        ]),
      ),
    ).toBe('datab');
    expect(firstInquiryOf('not json')).toBeNull();
  });
});
