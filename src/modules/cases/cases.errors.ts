import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldIssue,
} from '../../platform/errors/index.js';

/** Typed errors of the cases module, with stable codes. */
export const CaseErrors = {
  unknownSubject: (kind: 'matter' | 'bundle', code: string) =>
    new NotFoundError(kind === 'bundle' ? 'CATALOG_BUNDLE_NOT_FOUND' : 'CATALOG_MATTER_NOT_FOUND', {
      zh: `未找到${kind === 'bundle' ? '一件事' : '事项'} ${code}`,
      en: `No ${kind} with the code ${code}`,
    }),
  subjectRequired: () =>
    new ValidationError(
      'CASE_SUBJECT_REQUIRED',
      { zh: '请指定申请的事项或一件事', en: 'Name the matter or the bundle to apply for' },
      [{ path: 'bundle', code: 'required', message: 'give exactly one of `bundle` or `matter`' }],
    ),
  invalidForm: (issues: FieldIssue[]) =>
    new ValidationError(
      'CASE_INVALID_FORM',
      { zh: '申请表填写有误，请检查标出的字段', en: 'The form has errors in the marked fields' },
      issues,
    ),
  invalidMaterials: (issues: FieldIssue[]) =>
    new ValidationError(
      'CASE_INVALID_MATERIALS',
      { zh: '材料清单有误', en: 'The list of materials is invalid' },
      issues,
    ),
  applicantTypeNotAllowed: (type: string) =>
    new ValidationError(
      'CASE_APPLICANT_TYPE_NOT_ALLOWED',
      {
        zh: '该事项不受理此类申请人的申请',
        en: `This matter does not take applications from a ${type}`,
      },
      [
        {
          path: 'applicant',
          code: 'not_allowed',
          message: `applicant type ${type} is not allowed`,
        },
      ],
    ),
  applicantRequired: () =>
    new ValidationError(
      'CASE_APPLICANT_REQUIRED',
      {
        zh: '窗口受理须核验并填写申请人的身份证号或统一社会信用代码',
        en: 'At the window, give the applicant’s identity number or credit code',
      },
      [
        {
          path: 'applicant',
          code: 'required',
          message: 'applicant.idNumber or applicant.creditCode is required',
        },
      ],
    ),
  channelNotAllowed: (channel: string) =>
    new ForbiddenError('CASE_CHANNEL_NOT_ALLOWED', {
      zh: `当前账号不能通过“${channel}”渠道申请`,
      en: `This account cannot apply through the ${channel} channel`,
    }),
  overseasVerificationRequired: () =>
    new ValidationError(
      'CASE_REMOTE_VERIFICATION_REQUIRED',
      {
        zh: '海外服务点受理须记录远程身份核验和申请人电子签名',
        en: 'Overseas points must record the remote identity check and the applicant’s e-signature',
      },
      [
        {
          path: 'remoteVerification',
          code: 'required',
          message: 'remoteVerification and eSignature are required for the overseas channel',
        },
      ],
    ),
  notFound: () =>
    new NotFoundError('CASE_NOT_FOUND', { zh: '办件不存在', en: 'No such application' }),
  taskNotFound: () =>
    new NotFoundError('CASE_TASK_NOT_FOUND', { zh: '任务不存在', en: 'No such task' }),
  forbidden: () =>
    new ForbiddenError('CASE_FORBIDDEN', {
      zh: '无权查看或办理该办件',
      en: 'You may not see or handle this application',
    }),
  illegalTransition: (what: { zh: string; en: string }) =>
    new ConflictError('CASE_ILLEGAL_TRANSITION', {
      zh: `当前状态下不能${what.zh}`,
      en: `Cannot ${what.en} in the current state`,
    }),
  alreadyRated: () =>
    new ConflictError('CASE_ALREADY_RATED', {
      zh: '该办件已评价',
      en: 'This application has already been rated',
    }),
  unknownOriginals: (issues: FieldIssue[]) =>
    new ValidationError(
      'CASE_UNKNOWN_ORIGINAL',
      {
        zh: '核验原件的材料不属于该事项，请按收件清单勾选',
        en: 'An original was checked for a material this matter does not have',
      },
      issues,
    ),
  originalsNotAllowed: () =>
    new ValidationError(
      'CASE_ORIGINALS_NOT_ALLOWED',
      {
        zh: '只有窗口受理时才能记录原件核验',
        en: 'Originals are checked only at window intake',
      },
      [{ path: 'originals', code: 'not_allowed', message: 'only for the window channel' }],
    ),
  consentRequired: (issues: FieldIssue[]) =>
    new ValidationError(
      'CASE_CONSENT_REQUIRED',
      {
        zh: '提交前请阅读将为您调取的数据，并勾选同意授权调取',
        en: 'Read the data that will be fetched for you and tick your consent before submitting',
      },
      issues,
    ),
  handOverQueryRequired: () =>
    new BadRequestError(
      'CASE_HAND_OVER_QUERY_REQUIRED',
      {
        zh: '请输入受理编号、完整的身份证号或统一社会信用代码，或至少两个字的申请人姓名',
        en: 'Give a receipt number, a full identity number or credit code, or at least two characters of the applicant’s name',
      },
      { issues: [{ path: 'q', code: 'too_short', message: 'query required' }] },
    ),
  handOverNumberInvalid: () =>
    new BadRequestError(
      'CASE_HAND_OVER_NUMBER_INVALID',
      {
        zh: '这不是有效的受理编号、身份证号或统一社会信用代码，请逐位核对',
        en: 'This is not a valid receipt number, identity number or credit code; check it digit by digit',
      },
      { issues: [{ path: 'q', code: 'invalid_number', message: 'not a valid number' }] },
    ),
  followUpNotFound: () =>
    new NotFoundError('CASE_FOLLOW_UP_NOT_FOUND', {
      zh: '督办事项不存在',
      en: 'No such follow-up',
    }),
  followUpClosed: () =>
    new ConflictError('CASE_FOLLOW_UP_CLOSED', {
      zh: '该督办事项已办结',
      en: 'This follow-up is already closed',
    }),
};
