import type { Clock } from '../../platform/clock/index.js';
import { NotFoundError, type Bilingual } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { ApplicationView } from '../../../shared/contracts/index.js';
import type { CredentialView } from '../../../shared/contracts/credentials.js';
import type { CasesService } from '../cases/index.js';
import { DocumentErrors } from './documents.errors.js';
import {
  channelLabel,
  chinaMinute,
  claimLabel,
  stagesOf,
  chinaSecond,
  isOutstanding,
  materialStateLabel,
  reasonLabel,
  trackingUrl,
} from './documents.text.js';
import { createFontLoader } from './font-locator.js';
import { renderCredentialPaper } from './credential-paper.js';
import {
  createSheet,
  WARN,
  type Cell,
  type Field,
  type LoadedFont,
  type Sheet,
} from './pdf-sheet.js';

/** A printed document: the PDF and the file name it is offered under. */
export interface PrintedDocument {
  pdf: Buffer;
  filename: string;
}

/** The office printed on documents when the composition root names none. */
export const DEFAULT_OFFICE: Bilingual = {
  zh: '市民服务中心综合受理窗口',
  en: 'Citizen Service Centre, any-window acceptance',
};

// An application has a receipt once it was accepted, also while a step is paused.
const RECEIPT_STATUSES: ApplicationView['status'][] = ['accepted', 'paused', 'completed'];

const TITLES = {
  receipt: { zh: '受理回执', en: 'Acceptance receipt' },
  notice: { zh: '一次性告知书', en: 'One-time notice' },
  handOver: { zh: '出件单', en: 'Result hand-over slip' },
} satisfies Record<string, Bilingual>;

/**
 * The printable documents of the window (受理回执, 一次性告知书, 出件单) as A4 PDFs with an
 * embedded Chinese font and a QR code of the tracking link. Each reads the application
 * through `cases.get`, so whoever may not see it gets its 404; a document the state does not
 * allow is 409 DOCUMENTS_NOT_AVAILABLE; no usable font is 503 DOCUMENTS_FONT_MISSING.
 */
export function createDocumentsService(deps: {
  cases: Pick<CasesService, 'get'>;
  clock: Clock;
  publicUrl: string;
  /** The key of a receipt's tracking link (see modules/track). */
  trackKey: (receiptNo: string) => string;
  /** Regular face: `file` or `file.ttc#PostScriptName` (see locateCjkFont); none → 503. */
  fontPath?: string;
  /** Bold face for titles; the regular face is used when absent. */
  boldFontPath?: string;
  /** The issuing office printed on every document. */
  office?: Bilingual;
  /** Department names for the steps and results. */
  departmentName?: (code: string) => Bilingual | undefined;
  /** The names of what a matter issues (营业执照 …), for the hand-over slip. */
  outputNames?: (matter: string) => Bilingual[];
  /**
   * The paper copy of a holder's credential (the credentials module's `paperCopy`): 404 for
   * anyone else's, 409 for an identity certificate or one not valid. Absent: no paper forms.
   */
  paperCopy?: (
    credentialId: string,
    account: string,
  ) => Promise<{ sdJwt: string; credential: CredentialView }>;
}) {
  const office = deps.office ?? DEFAULT_OFFICE;
  const load = createFontLoader(() => DocumentErrors.fontMissing());

  async function fonts(): Promise<{ regular: LoadedFont; bold: LoadedFont | undefined }> {
    if (!deps.fontPath) throw DocumentErrors.fontMissing();
    const regular = await load(deps.fontPath);
    const bold = deps.boldFontPath
      ? await load(deps.boldFontPath).catch(() => undefined)
      : undefined;
    return { regular, bold };
  }

  async function sheetFor(
    app: ApplicationView,
    title: Bilingual,
    note?: Bilingual,
  ): Promise<Sheet> {
    const { regular, bold } = await fonts();
    const sheet = createSheet({
      fonts: { regular, bold },
      info: {
        title: `${title.zh} ${app.receiptNo}`,
        subject: `${app.subject.name.zh} · ${title.en}`,
        author: office.zh,
        createdAt: deps.clock.now(),
      },
      ...(note ? { note } : {}),
    });
    sheet.header(
      title,
      { label: { zh: '受理编号', en: 'No.' }, value: app.receiptNo },
      trackingUrl(deps.publicUrl, app.receiptNo, deps.trackKey(app.receiptNo)),
    );
    return sheet;
  }

  const finish = async (sheet: Sheet, title: Bilingual, app: ApplicationView) => ({
    pdf: await sheet.finish({ office, printedAt: chinaSecond(deps.clock.now()) }),
    filename: `${title.zh}-${app.receiptNo}.pdf`,
  });

  // A name that brings its own quotation marks (企业开办"一件事") gets no second pair.
  const quoted = (name: string) => (/["“”]/.test(name) ? name : `“${name}”`);

  function department(code: string): Cell {
    const name = deps.departmentName?.(code);
    return name ? { text: name.zh, sub: name.en } : { text: code };
  }

  function common(app: ApplicationView): { head: Field[]; window: Field } {
    const subject: Bilingual =
      app.subject.kind === 'bundle' ? { zh: '一件事', en: 'Bundle' } : { zh: '事项', en: 'Matter' };
    const a = app.applicant;
    const identity =
      a.kind === 'person'
        ? {
            label: { zh: '身份证号', en: 'ID number (masked)' },
            value: { text: a.maskedIdNumber ?? '—' },
          }
        : a.kind === 'company'
          ? {
              label: { zh: '统一社会信用代码', en: 'Credit code' },
              value: { text: a.creditCode ?? '—' },
            }
          : { label: { zh: '申请部门', en: 'Department' }, value: department(a.department ?? '—') };
    const channel = channelLabel(app.channel);
    return {
      head: [
        { label: { zh: '受理编号', en: 'Receipt number' }, value: { text: app.receiptNo } },
        { label: subject, value: { text: app.subject.name.zh, sub: app.subject.name.en } },
        { label: { zh: '申请人', en: 'Applicant' }, value: { text: a.name ?? '—' } },
        identity,
      ],
      window: {
        wide: true,
        label: { zh: '受理窗口', en: 'Issuing window' },
        value: {
          text: `${office.zh}（${channel.zh}）`,
          sub: `${office.en} (${channel.en})`,
        },
      },
    };
  }

  function materials(
    sheet: Sheet,
    list: ApplicationView['materials'],
    title: Bilingual = { zh: '申请材料', en: 'Materials' },
    originals: ApplicationView['originals'] = [],
  ): void {
    if (list.length === 0) return;
    sheet.heading(title);
    sheet.table(
      [
        { header: { zh: '序号', en: 'No.' }, width: 34, align: 'center' },
        { header: { zh: '材料名称', en: 'Material' }, width: 230 },
        { header: { zh: '类别', en: 'Kind' }, width: 58, align: 'center' },
        { header: { zh: '提交情况', en: 'How it is satisfied' }, width: 173 },
      ],
      list.map((m, i) => {
        const label = materialStateLabel(m);
        // 原件核验: the clerk saw the original at the window.
        const state = originals.some((o) => o.material === m.material)
          ? { zh: `${label.zh}；已核验原件`, en: `${label.en}; original checked` }
          : label;
        const color = isOutstanding(m) ? WARN : undefined;
        return [
          { text: String(i + 1) },
          { text: m.name.zh, sub: m.name.en },
          m.essential ? { text: '要件', sub: 'Essential' } : { text: '非要件', sub: 'Other' },
          { text: state.zh, sub: state.en, ...(color ? { color } : {}) },
        ];
      }),
    );
  }

  /** The steps in the order they run: by stage, then as the application lists them. */
  function ordered(app: ApplicationView) {
    const stages = stagesOf(app.tasks);
    const stage = (step: string) => stages.get(step) ?? 1;
    const tasks = app.tasks
      .map((t, i) => ({ t, i }))
      .sort((x, y) => stage(x.t.step) - stage(y.t.step) || x.i - y.i)
      .map((x) => x.t);
    const perStage = (n: number) => tasks.filter((t) => stage(t.step) === n).length;
    return { tasks, stage, parallel: (step: string) => perStage(stage(step)) > 1 };
  }

  function steps(sheet: Sheet, app: ApplicationView): void {
    if (app.tasks.length === 0) return;
    const { tasks, stage, parallel } = ordered(app);
    sheet.heading({ zh: '办理环节', en: 'Steps' });
    sheet.table(
      [
        { header: { zh: '顺序', en: 'Order' }, width: 74, align: 'center' },
        { header: { zh: '环节', en: 'Step' }, width: 221 },
        { header: { zh: '承办部门', en: 'Department' }, width: 200 },
      ],
      tasks.map((t) => {
        const n = stage(t.step);
        const order: Cell = parallel(t.step)
          ? { text: `第${n}步·并联`, sub: `Stage ${n}, parallel` }
          : { text: `第${n}步`, sub: `Stage ${n}` };
        return [order, { text: t.name.zh, sub: t.name.en }, department(t.department)];
      }),
    );
  }

  function result(r: ApplicationView['results'][number], matter: string | undefined): Cell {
    const names = matter ? (deps.outputNames?.(matter) ?? []) : [];
    const claims = Object.entries(r.outputs).map(([key, value]) => {
      const label = claimLabel(key);
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return `${label.zh}：${text}`;
    });
    const lines = [...names.map((n) => n.zh), ...claims];
    if (lines.length === 0) return { text: '准予许可', sub: 'Approved' };
    return {
      text: lines.join('\n'),
      ...(names.length ? { sub: names.map((n) => n.en).join('; ') } : {}),
    };
  }

  return {
    /**
     * 电子证照纸质件: the holder's credential on paper with a QR code of a fresh paper copy.
     * Only the holder prints it (404 for anyone else's); an identity certificate, or one
     * revoked, suspended or expired, is the credentials module's 409; no font is 503.
     */
    async credentialPaper(p: Principal, credentialId: string): Promise<PrintedDocument> {
      if (!deps.paperCopy)
        throw new NotFoundError('DOCUMENTS_PAPER_UNAVAILABLE', {
          zh: '本平台未提供电子证照纸质件',
          en: 'This platform prints no paper forms of e-credentials',
        });
      // The font first: a copy is a status slot, not to be spent on a page that cannot print.
      const loaded = await fonts();
      const { sdJwt, credential } = await deps.paperCopy(credentialId, p.accountId);
      const issuer = deps.departmentName?.(credential.issuer.code);
      const pdf = await renderCredentialPaper({
        view: credential,
        qrText: sdJwt,
        publicUrl: deps.publicUrl,
        issuedBy: issuer?.zh ?? credential.issuer.name,
        ...(issuer ? { issuedByEn: issuer.en } : {}),
        printedAt: deps.clock.now(),
        fonts: loaded,
      });
      return { pdf, filename: `${credential.name.zh}-电子证照纸质件.pdf` };
    },

    /** 受理回执 of an accepted (or paused, or completed) application; 404 / 409 / 503 as above. */
    async receipt(p: Principal, applicationId: string): Promise<PrintedDocument> {
      const app = await deps.cases.get(p, applicationId);
      if (!RECEIPT_STATUSES.includes(app.status))
        throw DocumentErrors.notAvailable(TITLES.receipt, app.status);
      const committed = app.materials.some((m) => m.state === 'committed' && !m.fulfilledAt);
      const sheet = await sheetFor(app, TITLES.receipt, {
        zh: `温馨提示：材料齐全，已予受理，承诺办结时间自受理时起按工作日计算。请妥善保管本回执，凭受理编号或扫描右上角二维码查询办理进度。${committed ? '标注“容缺受理”的材料，请在承诺日期前补交。' : ''}`,
        en: `Your application is complete and accepted; the promised time runs in working days from acceptance. Keep this receipt and track progress with the number or the QR code at the top right.${committed ? ' Materials accepted with deficiency must be handed in by the date promised.' : ''}`,
      });
      const c = common(app);
      sheet.fields([
        ...c.head,
        {
          label: { zh: '受理时间', en: 'Accepted at' },
          value: { text: chinaMinute(app.acceptedAt) },
        },
        {
          label: { zh: '承诺办结时间', en: 'Due by' },
          value: {
            text: chinaMinute(app.dueAt),
            sub: 'In working days; holidays excluded',
          },
        },
        c.window,
      ]);
      materials(sheet, app.materials, undefined, app.originals);
      steps(sheet, app);
      return finish(sheet, TITLES.receipt, app);
    },

    /** 一次性告知书 of a deficient application: everything missing or wrong, at once; 404 / 409 / 503. */
    async notice(p: Principal, applicationId: string): Promise<PrintedDocument> {
      const app = await deps.cases.get(p, applicationId);
      if (app.status !== 'deficient' || !app.notice)
        throw DocumentErrors.notAvailable(TITLES.notice, app.status);
      const sheet = await sheetFor(app, TITLES.notice, {
        zh: '补正方式：登录网上办事大厅在本申请中补交，或携本告知书到任一综合受理窗口补交。凭受理编号或扫描右上角二维码可查询办理进度。',
        en: 'How to hand it in: add the materials to this application online, or bring this notice to any all-round window. Track progress with the number or the QR code at the top right.',
      });
      const c = common(app);
      sheet.fields([
        ...c.head,
        {
          label: { zh: '申请时间', en: 'Submitted at' },
          value: { text: chinaMinute(app.submittedAt) },
        },
        {
          label: { zh: '告知时间', en: 'Notice issued at' },
          value: { text: chinaMinute(app.notice.issuedAt) },
        },
        {
          wide: true,
          label: { zh: '受理时间', en: 'Accepted at' },
          value: {
            text: '尚未受理：材料补齐后即予受理，办理时限自受理时起算',
            sub: 'Not yet accepted: accepted once complete; the time limit starts then',
          },
        },
        c.window,
      ]);
      sheet.paragraph({
        zh: `您提交的${quoted(app.subject.name.zh)}申请，材料尚不齐全或不符合要求。按照“最多跑一次”改革要求，现将需要补正的全部内容一次性告知如下，补齐后即予受理，无需重新申请。`,
        en: `Your application for "${app.subject.name.en}" is not yet complete. Everything that is missing or wrong is listed below, all at once; once it is handed in the application is accepted, with no need to apply again.`,
      });
      sheet.heading({ zh: '需补正的材料', en: 'What is missing or wrong' });
      sheet.table(
        [
          { header: { zh: '序号', en: 'No.' }, width: 34, align: 'center' },
          { header: { zh: '材料名称', en: 'Material' }, width: 170 },
          { header: { zh: '原因', en: 'Reason' }, width: 70, align: 'center' },
          { header: { zh: '补正要求', en: 'What to do' }, width: 221 },
        ],
        app.notice.items.map((item, i) => {
          const reason = reasonLabel(item.reason);
          return [
            { text: String(i + 1) },
            { text: item.name.zh, sub: item.name.en },
            { text: reason.zh, sub: reason.en, color: WARN },
            { text: item.message.zh, sub: item.message.en },
          ];
        }),
      );
      // What the notice lists is not repeated; the rest shows what is already settled.
      const listed = new Set(app.notice.items.map((i) => i.material));
      materials(
        sheet,
        app.materials.filter((m) => !listed.has(m.material)),
        { zh: '其他材料', en: 'The other materials' },
      );
      return finish(sheet, TITLES.notice, app);
    },

    /** 出件单 of a completed application: the results to hand over and where to sign; 404 / 409 / 503. */
    async handOverSlip(p: Principal, applicationId: string): Promise<PrintedDocument> {
      const app = await deps.cases.get(p, applicationId);
      if (app.status !== 'completed')
        throw DocumentErrors.notAvailable(TITLES.handOver, app.status);
      const sheet = await sheetFor(app, TITLES.handOver);
      const c = common(app);
      const handed = app.actions.find((a) => a.type === 'handed-over');
      sheet.fields([
        ...c.head,
        {
          label: { zh: '受理时间', en: 'Accepted at' },
          value: { text: chinaMinute(app.acceptedAt) },
        },
        {
          label: { zh: '办结时间', en: 'Completed at' },
          value: { text: chinaMinute(app.completedAt) },
        },
        {
          wide: true,
          label: { zh: '出件情况', en: 'Hand-over' },
          value: handed
            ? {
                text: `已于 ${chinaMinute(handed.at)} 出件`,
                sub: `Handed over at ${chinaMinute(handed.at)}`,
              }
            : {
                text: '待领取（统一出件窗口）',
                sub: 'Ready for collection at the one pick-up window',
              },
        },
        c.window,
      ]);
      const { tasks } = ordered(app);
      const results = tasks.flatMap((task) => {
        const r = app.results.find((x) => x.step === task.step);
        return r ? [{ task, r }] : [];
      });
      sheet.heading({ zh: '办理结果', en: 'Results' });
      sheet.table(
        [
          { header: { zh: '序号', en: 'No.' }, width: 34, align: 'center' },
          { header: { zh: '环节', en: 'Step' }, width: 150 },
          { header: { zh: '承办部门', en: 'Department' }, width: 116 },
          { header: { zh: '结果', en: 'Result' }, width: 195 },
        ],
        results.map(({ task, r }, i) => [
          { text: String(i + 1) },
          { text: task.name.zh, sub: task.name.en },
          department(r.department),
          result(r, task.matter),
        ]),
      );
      sheet.paragraph({
        zh: '以上结果已核对无误，申请人（或受托人）凭有效身份证件签字领取。',
        en: 'The results above were checked; the applicant (or a person authorised) signs for them on showing a valid identity document.',
      });
      sheet.signatures([
        { zh: '领取人签字', en: 'Recipient' },
        { zh: '经办人', en: 'Clerk' },
        { zh: '日期', en: 'Date' },
      ]);
      return finish(sheet, TITLES.handOver, app);
    },
  };
}

/** The documents service. */
export type DocumentsService = ReturnType<typeof createDocumentsService>;
