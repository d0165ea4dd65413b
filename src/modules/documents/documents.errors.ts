import { AppError, ConflictError, type Bilingual } from '../../platform/errors/index.js';
import { statusLabel } from './documents.text.js';

/** Typed errors of the documents module, with stable codes. */
export const DocumentErrors = {
  /** 409: the document does not exist for an application in this state (no receipt before acceptance). */
  notAvailable: (document: Bilingual, status: string) => {
    const s = statusLabel(status);
    return new ConflictError(
      'DOCUMENTS_NOT_AVAILABLE',
      {
        zh: `办件当前状态为“${s.zh}”，不能出具${document.zh}`,
        en: `No ${document.en.toLowerCase()} can be printed for an application that is ${s.en.toLowerCase()}`,
      },
      { status },
    );
  },
  /**
   * 503: no font with Chinese glyphs could be opened. Printing without one would give boxes
   * (豆腐块) instead of characters, which is worse than no document at all.
   */
  fontMissing: () =>
    new AppError(503, 'DOCUMENTS_FONT_MISSING', {
      zh: '服务器未安装中文字体，暂时无法生成打印文件（请安装 fonts-noto-cjk 或设置 ONETRIP_PDF_FONT）',
      en: 'No Chinese font is installed on the server, so documents cannot be printed (install fonts-noto-cjk or set ONETRIP_PDF_FONT)',
    }),
};
