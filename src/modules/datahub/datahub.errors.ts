import {
  AppError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors/index.js';

/** Typed errors of the datahub module, with stable codes. */
export const DatahubErrors = {
  purposeRequired: () =>
    new ValidationError(
      'DATAHUB_PURPOSE_REQUIRED',
      {
        zh: '查询共享数据必须说明用途（所办理的申请）',
        en: 'A data hub query must state its purpose: the application it is for',
      },
      [
        {
          path: 'purpose.applicationId',
          code: 'required',
          message: 'give the application the data is needed for',
        },
      ],
    ),
  notDeclared: (what: string) =>
    new ForbiddenError(
      'DATAHUB_FIELD_NOT_DECLARED',
      {
        zh: `所办事项未声明需要共享数据 ${what}`,
        en: `The matter of this application does not declare the shared data ${what}`,
      },
      { item: what },
    ),
  /** A field of a declared item beyond what the caller's matter declares (minimisation). */
  fieldNotAllowed: (item: string, field: string, allowed: string[], path: string) =>
    new ForbiddenError(
      'DATAHUB_FIELD_NOT_ALLOWED',
      {
        zh: `所办事项未声明需要 ${item} 的字段 ${field}（已声明：${allowed.join('、')}）`,
        en: `The matter does not declare the field ${field} of ${item} (declared: ${allowed.join(', ')})`,
      },
      { item, field, allowed, path },
    ),
  unknownItem: (what: string) =>
    new ValidationError(
      'DATAHUB_ITEM_UNKNOWN',
      { zh: `数据共享目录中没有 ${what}`, en: `The data hub has no item ${what}` },
      [{ path: 'items', code: 'unknown_item', message: what }],
    ),
  applicationNotFound: () =>
    new NotFoundError('DATAHUB_APPLICATION_NOT_FOUND', {
      zh: '未找到查询用途所指的申请',
      en: 'The application named as the purpose does not exist',
    }),
  otherDepartment: () =>
    new ForbiddenError('DATAHUB_FORBIDDEN', {
      zh: '只能为本部门承办的申请查询共享数据',
      en: 'Shared data may be read only for applications with a step of your department',
    }),
  supervisorsOnly: () =>
    new ForbiddenError('DATAHUB_FORBIDDEN', {
      zh: '仅效能监察人员可以查看被拒绝的数据查询',
      en: 'Only the supervision office sees refused data queries',
    }),
  subjectNotInPurpose: () =>
    new ForbiddenError('DATAHUB_SUBJECT_NOT_IN_APPLICATION', {
      zh: '查询对象不是该申请的申请人或申请表中的人员',
      en: 'The subject is neither the applicant nor a person named in the application',
    }),
  sourceUnavailable: (source: string) =>
    new AppError(503, 'DATAHUB_SOURCE_UNAVAILABLE', {
      zh: `数据源 ${source} 暂时无法访问，请稍后重试`,
      en: `The data source ${source} is not answering; try again later`,
    }),
  accessNotFound: () =>
    new NotFoundError('DATAHUB_ACCESS_NOT_FOUND', {
      zh: '未找到该访问记录',
      en: 'No such access record',
    }),
  invalidCreditCode: () =>
    new ValidationError(
      'DATAHUB_INVALID_SUBJECT',
      {
        zh: '查询对象必须是公民身份号码或统一社会信用代码',
        en: 'The subject must be an identity number or a credit code',
      },
      [
        {
          path: 'subject',
          code: 'invalid',
          message: 'an 18-character identity number or credit code',
        },
      ],
    ),
  unknownGuide: (kind: 'matter' | 'bundle', code: string) =>
    new NotFoundError(kind === 'bundle' ? 'CATALOG_BUNDLE_NOT_FOUND' : 'CATALOG_MATTER_NOT_FOUND', {
      zh: `未找到${kind === 'bundle' ? '一件事' : '事项'} ${code}`,
      en: `No ${kind} with the code ${code}`,
    }),
  noPerson: () =>
    new ForbiddenError('DATAHUB_NO_PERSON', {
      zh: '当前账号未绑定实名身份',
      en: 'This account is not linked to a verified person',
    }),
};
