import {
  ConflictError,
  LockedError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../platform/errors/index.js';

/** Typed errors of the identity module, with stable codes. */
export const IdentityErrors = {
  invalidCredentials: () =>
    new UnauthorizedError('AUTH_INVALID_CREDENTIALS', {
      zh: '用户名或密码错误',
      en: 'Wrong username or password',
    }),
  totpRequired: () =>
    new UnauthorizedError('AUTH_TOTP_REQUIRED', {
      zh: '工作人员账号需要输入动态验证码',
      en: 'Staff accounts need the 6-digit code from the authenticator app',
    }),
  totpInvalid: () =>
    new UnauthorizedError('AUTH_TOTP_INVALID', {
      zh: '动态验证码错误或已使用，请输入验证器中的最新验证码',
      en: 'The code is wrong or already used; enter the latest code from the authenticator app',
    }),
  locked: (until: string) =>
    new LockedError(
      'AUTH_ACCOUNT_LOCKED',
      {
        zh: '登录失败次数过多，账号已临时锁定，请稍后再试',
        en: 'Too many failed attempts: the account is locked for a while, please try again later',
      },
      { lockedUntil: until },
    ),
  disabled: () =>
    new UnauthorizedError('AUTH_ACCOUNT_DISABLED', {
      zh: '账号已停用',
      en: 'This account is disabled',
    }),
  usernameTaken: (username: string) =>
    new ConflictError('IDENTITY_USERNAME_TAKEN', {
      zh: `用户名 ${username} 已存在`,
      en: `The username ${username} is taken`,
    }),
  personNotFound: () =>
    new NotFoundError('IDENTITY_PERSON_NOT_FOUND', {
      zh: '未找到该身份证号对应的人员',
      en: 'No person with this identity number',
    }),
  organizationNotFound: () =>
    new NotFoundError('IDENTITY_ORGANIZATION_NOT_FOUND', {
      zh: '未找到该统一社会信用代码对应的组织',
      en: 'No organisation with this credit code',
    }),
  invalidAccount: (path: string, message: string) =>
    new ValidationError(
      'IDENTITY_INVALID_ACCOUNT',
      { zh: '账号信息有误', en: 'The account data is invalid' },
      [{ path, code: 'invalid', message }],
    ),
};
