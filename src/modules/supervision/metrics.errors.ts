import { ForbiddenError, ValidationError, type FieldIssue } from '../../platform/errors/index.js';

/** Typed errors of the supervision metrics, with stable codes. */
export const MetricsErrors = {
  forbidden: () =>
    new ForbiddenError('SUPERVISION_FORBIDDEN', {
      zh: '只有效能监察人员和部门负责人、审核人员可以查看监察数据',
      en: 'Only the supervision office and department leads or reviewers may see supervision figures',
    }),
  otherDepartment: (own: string, asked: string) =>
    new ForbiddenError(
      'SUPERVISION_DEPARTMENT_FORBIDDEN',
      {
        zh: '只能查看本部门的监察数据',
        en: 'You may see the figures of your own department only',
      },
      { own, asked },
    ),
  invalidRange: (issues: FieldIssue[]) =>
    new ValidationError(
      'SUPERVISION_INVALID_RANGE',
      { zh: '查询的日期范围有误', en: 'The date range of the query is invalid' },
      issues,
    ),
  rangeTooLong: (maxDays: number) =>
    new ValidationError(
      'SUPERVISION_RANGE_TOO_LONG',
      {
        zh: `查询的日期范围不能超过 ${maxDays} 天`,
        en: `The date range may cover at most ${maxDays} days`,
      },
      [{ path: 'to', code: 'too_long', message: `at most ${maxDays} days from \`from\`` }],
    ),
};
