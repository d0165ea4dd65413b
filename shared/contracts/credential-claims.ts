// What each claim of an e-credential is called, for the wallet, the verifier page and the
// paper form. A claim without a label is shown by its name.

/** A claim's label in both languages. */
export interface ClaimLabel {
  zh: string;
  en: string;
}

/** Labels of the claims our credential types carry (catalog/credential-types.yaml). */
export const CLAIM_LABELS: Record<string, ClaimLabel> = {
  name: { zh: '姓名', en: 'Name' },
  idNumber: { zh: '公民身份号码', en: 'Identity number' },
  sex: { zh: '性别', en: 'Sex' },
  birthDate: { zh: '出生日期', en: 'Date of birth' },
  address: { zh: '住址', en: 'Address' },
  age_over_18: { zh: '年满18周岁', en: 'Aged 18 or over' },
  province: { zh: '所在省份', en: 'Province' },
  householdNumber: { zh: '户号', en: 'Household number' },
  householdHead: { zh: '户主', en: 'Head of household' },
  relation: { zh: '与户主关系', en: 'Relation to the head' },
  licenceNumber: { zh: '证号', en: 'Licence number' },
  vehicleClass: { zh: '准驾车型', en: 'Vehicle class' },
  validUntil: { zh: '有效期至', en: 'Valid until' },
  permitNumber: { zh: '证件号码', en: 'Permit number' },
  residenceAddress: { zh: '居住地址', en: 'Place of residence' },
  creditCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  companyName: { zh: '名称', en: 'Name of the company' },
  legalRepresentativeName: { zh: '法定代表人', en: 'Legal representative' },
  establishedOn: { zh: '成立日期', en: 'Established on' },
  certificateNumber: { zh: '证书编号', en: 'Certificate number' },
  proofNumber: { zh: '证明编号', en: 'Proof number' },
  decisionNumber: { zh: '决定书编号', en: 'Decision number' },
  receiptNumber: { zh: '回执编号', en: 'Receipt number' },
  childName: { zh: '新生儿姓名', en: "Child's name" },
  cardNumber: { zh: '卡号', en: 'Card number' },
  insuranceNumber: { zh: '参保编号', en: 'Insurance number' },
  sealFilingNumber: { zh: '印章备案编号', en: 'Seal filing number' },
  sealTypes: { zh: '印章种类', en: 'Kinds of seal' },
  taxpayerId: { zh: '纳税人识别号', en: 'Taxpayer number' },
  invoiceQuota: { zh: '开票额度', en: 'Invoice quota' },
  accountNumber: { zh: '账号', en: 'Account number' },
  bankName: { zh: '开户银行', en: 'Bank' },
};

/** The label of a claim in a language; the claim's own name when it has none. */
export function claimLabel(name: string, language: 'zh' | 'en'): string {
  return CLAIM_LABELS[name]?.[language] ?? name;
}
