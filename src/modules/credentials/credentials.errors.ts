import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors/index.js';

/** The credentials module's errors (issuing side), with stable codes and both languages. */
export const CredentialsErrors = {
  notFound: () =>
    new NotFoundError('CREDENTIAL_NOT_FOUND', {
      zh: '未找到该电子证照',
      en: 'No such credential',
    }),
  listNotFound: () =>
    new NotFoundError('CREDENTIAL_STATUS_LIST_NOT_FOUND', {
      zh: '未找到该状态列表',
      en: 'No such status list',
    }),
  noKey: (department: string) =>
    new AppError(503, 'CREDENTIAL_KEY_UNAVAILABLE', {
      zh: `部门 ${department} 的签发密钥暂不可用`,
      en: `The issuing key of ${department} is not available`,
    }),
  externalKey: (department: string) =>
    new ConflictError('CREDENTIAL_KEY_EXTERNAL', {
      zh: `部门 ${department} 的签发密钥由外部签名设备保管，请在该设备中轮换密钥`,
      en: `The issuing key of ${department} is kept by an external signer; rotate it there`,
    }),
  noPerson: () =>
    new ForbiddenError('CREDENTIAL_NO_PERSON', {
      zh: '当前账号未绑定实名身份，无法申领证照',
      en: 'This account is not linked to a verified person, so it cannot hold this credential',
    }),
  noRecord: (name: { zh: string; en: string }) =>
    new NotFoundError('CREDENTIAL_NO_RECORD', {
      zh: `登记机关没有您的${name.zh}记录，无法领取`,
      en: `The registry holds no ${name.en.toLowerCase()} record of yours to issue from`,
    }),
  unknownType: (type: string) =>
    new ValidationError(
      'CREDENTIAL_TYPE_UNKNOWN',
      { zh: `没有证照类型 ${type}`, en: `No credential type ${type}` },
      [{ path: 'type', code: 'unknown', message: type }],
    ),
  noPaper: () =>
    new ConflictError('CREDENTIAL_NO_PAPER', {
      zh: '身份证件没有纸质版本，请出示电子证照',
      en: 'An identity certificate has no paper form; show it from the wallet',
    }),
  notActive: (status: string) =>
    new ConflictError('CREDENTIAL_NOT_VALID', {
      zh: `该证照当前状态为${status === 'revoked' ? '已撤销' : '已暂停'}，不能再签发副本`,
      en: `The credential is ${status}; no copies are issued`,
    }),
  revoked: () =>
    new ConflictError('CREDENTIAL_REVOKED', {
      zh: '证照已撤销，状态不能再更改',
      en: 'The credential is revoked; its status cannot change any more',
    }),
  expired: () =>
    new ConflictError('CREDENTIAL_EXPIRED', {
      zh: '证照已过期',
      en: 'The credential has expired',
    }),
  notIssuer: () =>
    new ForbiddenError('CREDENTIAL_NOT_ISSUER', {
      zh: '只有签发部门的审核人员或负责人可以更改证照状态',
      en: "Only the issuing department's reviewers and leads may change a credential's status",
    }),
  notDepartmentStaff: () =>
    new ForbiddenError('CREDENTIAL_NOT_DEPARTMENT_STAFF', {
      zh: '只有部门的审核人员或负责人可以查看本部门签发的证照',
      en: "Only a department's reviewers and leads may look up the credentials it issued",
    }),
  badHolderKey: (index: number) =>
    new ValidationError(
      'CREDENTIAL_HOLDER_KEY_INVALID',
      { zh: '持有人公钥不是有效的 P-256 公钥', en: 'A holder key is not a valid P-256 public key' },
      [{ path: `holderKeys.${index}`, code: 'invalid_key', message: 'not a point on P-256' }],
    ),
};
