import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { ApplicationView } from '../../../shared/contracts/index.js';
import { createDocumentsService } from './documents.service.js';
import { claimLabel, stagesOf, trackingUrl } from './documents.text.js';
import { locateCjkFont, parseFontRef } from './font-locator.js';

const DEBIAN = '/usr/share/fonts/opentype/noto';
const LATIN_ONLY = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

function buildView(overrides: Partial<ApplicationView> = {}): ApplicationView {
  return {
    id: 'app-1',
    receiptNo: 'YCB2026120100000001',
    status: 'accepted',
    subject: { kind: 'matter', code: 'm', name: { zh: '测试事项', en: 'A test matter' } },
    channel: 'window',
    applicant: {
      kind: 'person',
      name: '张伟',
      maskedIdNumber: '330681********1233',
      creditCode: null,
      department: null,
    },
    submittedAt: '2026-12-01T10:00:00+08:00',
    acceptedAt: '2026-12-01T10:00:00+08:00',
    dueProvisional: false,
    dueAt: '2026-12-03T17:30:00+08:00',
    completedAt: null,
    alert: 'normal',
    form: {},
    materials: [],
    notice: null,
    tasks: [],
    results: [],
    actions: [],
    followUps: [],
    originals: [],
    ratingOpen: false,
    evaluations: [],
    ...overrides,
  };
}

const principal = { accountId: 'a1' } as Principal;

function service(view: ApplicationView, fontPath?: string) {
  return createDocumentsService({
    cases: { get: async () => view },
    clock: fixedClock('2026-12-01T02:00:00Z'),
    publicUrl: 'https://onetrip.example/',
    trackKey: () => 'k3y',
    ...(fontPath ? { fontPath } : {}),
  });
}

async function codeOf(promise: Promise<unknown>): Promise<[number, string]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return [error.status, error.code];
}

describe('locateCjkFont', () => {
  const exists = (files: string[]) => (p: string) => files.includes(p);

  it('finds Debian’s Noto Sans CJK, regular and bold, by their Simplified Chinese faces', () => {
    const files = [`${DEBIAN}/NotoSansCJK-Regular.ttc`, `${DEBIAN}/NotoSansCJK-Bold.ttc`];
    expect(locateCjkFont({}, exists(files))).toEqual({
      fontPath: `${DEBIAN}/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular`,
      boldFontPath: `${DEBIAN}/NotoSansCJK-Bold.ttc#NotoSansCJKsc-Bold`,
    });
  });

  it('prefers ONETRIP_PDF_FONT, and does not swap a missing configured font for a guess', () => {
    const files = ['/opt/fonts/SourceHanSans.otf', `${DEBIAN}/NotoSansCJK-Regular.ttc`];
    expect(
      locateCjkFont({ ONETRIP_PDF_FONT: '/opt/fonts/SourceHanSans.otf' }, exists(files)),
    ).toEqual({
      fontPath: '/opt/fonts/SourceHanSans.otf',
    });
    expect(locateCjkFont({ ONETRIP_PDF_FONT: '/nowhere.ttf' }, exists(files))).toEqual({});
  });

  it('finds nothing on a machine without CJK fonts', () => {
    expect(locateCjkFont({}, () => false)).toEqual({});
  });

  it('reads the face of a collection after #, defaulting to Noto’s SC face', () => {
    expect(parseFontRef('/f/a.ttc#SourceHanSansSC-Regular')).toEqual({
      path: '/f/a.ttc',
      face: 'SourceHanSansSC-Regular',
    });
    expect(parseFontRef('/f/a.ttc')).toEqual({ path: '/f/a.ttc', face: 'NotoSansCJKsc-Regular' });
    expect(parseFontRef('/f/a.otf')).toEqual({ path: '/f/a.otf', face: undefined });
  });
});

describe('trackingUrl (the QR payload)', () => {
  it('is the public tracking page of the receipt number, with its key', () => {
    expect(trackingUrl('https://onetrip.example/', 'YCB2026120100000001', 'abc-_1')).toBe(
      'https://onetrip.example/track/YCB2026120100000001?k=abc-_1',
    );
    expect(trackingUrl('http://localhost:3000', 'A/B', 'a+b')).toBe(
      'http://localhost:3000/track/A%2FB?k=a%2Bb',
    );
  });
});

describe('stagesOf', () => {
  it('puts steps that wait for the same step in one parallel stage', () => {
    const stages = stagesOf([
      { step: 'seal', after: ['licence'] },
      { step: 'licence', after: [] },
      { step: 'bank', after: ['licence'] },
      { step: 'archive', after: ['seal', 'bank'] },
    ]);
    expect(Object.fromEntries(stages)).toEqual({ licence: 1, seal: 2, bank: 2, archive: 3 });
  });

  it('does not hang on a cycle', () => {
    expect(stagesOf([{ step: 'a', after: ['a'] }]).get('a')).toBeGreaterThan(0);
  });
});

describe('claimLabel', () => {
  it('names known claims and spells out unknown ones', () => {
    expect(claimLabel('creditCode').zh).toBe('统一社会信用代码');
    expect(claimLabel('berthNumber')).toEqual({ zh: 'Berth number', en: 'Berth number' });
  });
});

describe('createDocumentsService', () => {
  it('answers 503 DOCUMENTS_FONT_MISSING without a font, or with one that cannot be read', async () => {
    expect(await codeOf(service(buildView()).receipt(principal, 'app-1'))).toEqual([
      503,
      'DOCUMENTS_FONT_MISSING',
    ]);
    expect(
      await codeOf(service(buildView(), '/nowhere/font.ttc').receipt(principal, 'app-1')),
    ).toEqual([503, 'DOCUMENTS_FONT_MISSING']);
  });

  it.skipIf(!fs.existsSync(LATIN_ONLY))(
    'refuses a font without Chinese glyphs rather than print boxes',
    async () => {
      expect(await codeOf(service(buildView(), LATIN_ONLY).receipt(principal, 'app-1'))).toEqual([
        503,
        'DOCUMENTS_FONT_MISSING',
      ]);
    },
  );

  it('prints each document only in the states it belongs to (409 DOCUMENTS_NOT_AVAILABLE)', async () => {
    const font = locateCjkFont(process.env).fontPath;
    for (const status of ['deficient', 'refused', 'withdrawn', 'rejected'] as const) {
      expect(
        await codeOf(service(buildView({ status }), font).receipt(principal, 'app-1')),
      ).toEqual([409, 'DOCUMENTS_NOT_AVAILABLE']);
    }
    expect(await codeOf(service(buildView(), font).notice(principal, 'app-1'))).toEqual([
      409,
      'DOCUMENTS_NOT_AVAILABLE',
    ]);
    expect(await codeOf(service(buildView(), font).handOverSlip(principal, 'app-1'))).toEqual([
      409,
      'DOCUMENTS_NOT_AVAILABLE',
    ]);
  });

  const font = locateCjkFont(process.env).fontPath;
  it.skipIf(!font)('prints the same bytes for the same application and time', async () => {
    const view = buildView({
      materials: [
        {
          material: 'm1',
          name: { zh: '申请书', en: 'Application form' },
          essential: true,
          state: 'committed',
          fileId: null,
          commitmentDue: '2026-12-08',
          fulfilledAt: null,
        },
      ],
    });
    const a = await service(view, font).receipt(principal, 'app-1');
    const b = await service(view, font).receipt(principal, 'app-1');
    expect(a.filename).toBe('受理回执-YCB2026120100000001.pdf');
    expect(a.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.pdf.equals(b.pdf)).toBe(true);
    const text = spawnSync('pdftotext', ['-', '-'], { input: a.pdf }).stdout.toString();
    expect(text).toContain('容缺受理，承诺于 2026-12-08 前补交');
  });
});
