import {
  AppError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors/index.js';

/** Typed errors of inter-department matters (部门间办事), with stable codes. */
export const InterDepartmentErrors = {
  /** 403: only supervision and a department's leads and reviewers see the board. */
  forbidden: () =>
    new ForbiddenError('INTER_DEPARTMENT_FORBIDDEN', {
      zh: '仅效能监察和部门负责人、审批人员可查看部门间办事看板',
      en: 'Only supervision and departments’ leads and reviewers may see the inter-department board',
    }),
  /** 422: a period that is not two real days in order, or longer than a year. */
  invalidPeriod: (message: string) =>
    new ValidationError(
      'INTER_DEPARTMENT_INVALID_PERIOD',
      { zh: '统计期间有误：起止日期须为有效日期，且不超过一年', en: `Invalid period: ${message}` },
      [{ path: 'from', code: 'invalid_period', message }],
    ),
  /** 422: a report month that has not begun yet. */
  monthInFuture: (month: string) =>
    new ValidationError(
      'INTER_DEPARTMENT_MONTH_IN_FUTURE',
      {
        zh: `${month} 尚未开始，没有月度报告`,
        en: `${month} has not begun: there is no report yet`,
      },
      [{ path: 'month', code: 'in_future', message: `${month} is in the future` }],
    ),
  /** 422: not a month at all (YYYY-MM). */
  invalidMonth: (month: string) =>
    new ValidationError(
      'INTER_DEPARTMENT_INVALID_MONTH',
      { zh: '月份格式应为 YYYY-MM，例如 2026-11', en: 'A month is written YYYY-MM, e.g. 2026-11' },
      [{ path: 'month', code: 'invalid_month', message: `${month.slice(0, 20)} is not YYYY-MM` }],
    ),
  /** 404: a month before the platform took any inter-department request. */
  reportNotFound: (month: string) =>
    new NotFoundError('INTER_DEPARTMENT_REPORT_NOT_FOUND', {
      zh: `${month} 没有部门间办事数据，无月度报告`,
      en: `There is no inter-department data for ${month}, so no report`,
    }),
  /** 503: no font with Chinese glyphs to print the report with. */
  fontMissing: () =>
    new AppError(503, 'INTER_DEPARTMENT_FONT_MISSING', {
      zh: '服务器缺少中文字体，暂无法生成报告',
      en: 'The server has no Chinese font to print the report with',
    }),
};
