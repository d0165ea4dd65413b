/** One e-proof template (电子证明): what it reads and what it states. */
export interface ProofTemplate {
  code: string;
  name: { zh: string; en: string };
  /** Whose data: the person, their organisation, or a deceased parent named by the person. */
  subject: 'self' | 'organization' | 'parent';
  items: { source: string; item: string; fields: string[] }[];
  /** Days the proof stays valid. */
  validDays: number;
  /** Why the person is not eligible, or null (e.g. a criminal record for 无犯罪记录证明). */
  refuse?(data: Record<string, Record<string, unknown>>): { zh: string; en: string } | null;
  /**
   * What a verifier who holds the code sees, when less than the holder's statement: the
   * minimum the proof must show (relatives' names masked, no hospital). Default: `statement`.
   */
  verifierStatement?(
    data: Record<string, Record<string, unknown>>,
    holder: string,
  ): { zh: string; en: string };
  /** The statement, in both languages, from the data read. */
  statement(
    data: Record<string, Record<string, unknown>>,
    holder: string,
  ): { zh: string; en: string };
}

const v = (data: Record<string, Record<string, unknown>>, key: string, field: string): string => {
  const x = data[key]?.[field];
  if (x === undefined || x === null) return '—';
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return JSON.stringify(x);
};

// A name with all but its first character masked (张伟 → 张*); lists of names likewise.
const masked = (data: Record<string, Record<string, unknown>>, key: string, field: string) => {
  const x = data[key]?.[field];
  const one = (n: unknown) =>
    typeof n === 'string' ? [...n].map((c, i) => (i === 0 ? c : '*')).join('') : '—';
  if (x === undefined || x === null) return '—';
  return Array.isArray(x) ? (x.length === 0 ? '—' : x.map(one).join('、')) : one(x);
};

/** The e-proof templates; each is generated from the sources, never from an upload. */
export const PROOF_TEMPLATES: ProofTemplate[] = [
  {
    code: 'household',
    name: { zh: '户籍证明', en: 'Household registration' },
    subject: 'self',
    items: [
      {
        source: 'psb',
        item: 'household-register',
        fields: ['householdNo', 'head', 'relation', 'division'],
      },
    ],
    validDays: 90,
    statement: (d, h) => ({
      zh: `${h}户籍登记于行政区划 ${v(d, 'psb/household-register', 'division')}，户号 ${v(d, 'psb/household-register', 'householdNo')}，与户主关系：${v(d, 'psb/household-register', 'relation')}。`,
      en: `${h} is registered in division ${v(d, 'psb/household-register', 'division')}, household ${v(d, 'psb/household-register', 'householdNo')}, as ${v(d, 'psb/household-register', 'relation')} of the head.`,
    }),
  },
  {
    code: 'kinship',
    name: { zh: '亲属关系证明', en: 'Kinship' },
    subject: 'self',
    items: [{ source: 'psb', item: 'kinship', fields: ['spouse', 'parents', 'children'] }],
    validDays: 90,
    statement: (d, h) => ({
      zh: `${h}的配偶：${v(d, 'psb/kinship', 'spouse')}；父母：${v(d, 'psb/kinship', 'parents')}；子女：${v(d, 'psb/kinship', 'children')}。`,
      en: `${h}: spouse ${v(d, 'psb/kinship', 'spouse')}; parents ${v(d, 'psb/kinship', 'parents')}; children ${v(d, 'psb/kinship', 'children')}.`,
    }),
    verifierStatement: (d, h) => ({
      zh: `${h}的配偶：${masked(d, 'psb/kinship', 'spouse')}；父母：${masked(d, 'psb/kinship', 'parents')}；子女：${masked(d, 'psb/kinship', 'children')}。`,
      en: `${h}: spouse ${masked(d, 'psb/kinship', 'spouse')}; parents ${masked(d, 'psb/kinship', 'parents')}; children ${masked(d, 'psb/kinship', 'children')}.`,
    }),
  },
  {
    code: 'marital-status',
    name: { zh: '婚姻状况证明', en: 'Marital status' },
    subject: 'self',
    items: [{ source: 'civil', item: 'marriage-register', fields: ['status', 'registeredAt'] }],
    validDays: 90,
    statement: (d, h) => {
      const married = v(d, 'civil/marriage-register', 'status') === 'married';
      return married
        ? {
            zh: `${h}已于 ${v(d, 'civil/marriage-register', 'registeredAt')} 登记结婚。`,
            en: `${h} is married, registered on ${v(d, 'civil/marriage-register', 'registeredAt')}.`,
          }
        : {
            zh: `经婚姻登记信息核查，${h}无婚姻登记记录。`,
            en: `${h} has no marriage on the marriage register.`,
          };
    },
  },
  {
    code: 'no-criminal-record',
    name: { zh: '无犯罪记录证明', en: 'No criminal record' },
    subject: 'self',
    items: [{ source: 'psb', item: 'criminal-record-check', fields: ['hasRecord', 'checkedAt'] }],
    validDays: 90,
    refuse: (d) =>
      d['psb/criminal-record-check']?.hasRecord === false
        ? null
        : {
            zh: '存在犯罪记录，不能出具无犯罪记录证明',
            en: 'There is a criminal record; this proof cannot be issued',
          },
    statement: (_d, h) => ({
      zh: `经查询，${h}在本市无犯罪记录。`,
      en: `${h} has no criminal record in the city.`,
    }),
  },
  {
    code: 'social-insurance',
    name: { zh: '社会保险参保缴费证明', en: 'Social insurance payments' },
    subject: 'self',
    items: [
      {
        source: 'hrss',
        item: 'insurance-record',
        fields: ['insured', 'employer', 'months', 'lastPaid'],
      },
    ],
    validDays: 30,
    statement: (d, h) => ({
      zh: `${h}由${v(d, 'hrss/insurance-record', 'employer')}参保，累计缴费 ${v(d, 'hrss/insurance-record', 'months')} 个月，最近缴费月份 ${v(d, 'hrss/insurance-record', 'lastPaid')}。`,
      en: `${h} is insured through ${v(d, 'hrss/insurance-record', 'employer')}, ${v(d, 'hrss/insurance-record', 'months')} months paid, last ${v(d, 'hrss/insurance-record', 'lastPaid')}.`,
    }),
  },
  {
    code: 'medical-insurance',
    name: { zh: '医疗保险参保证明', en: 'Medical insurance' },
    subject: 'self',
    items: [{ source: 'hsb', item: 'insurance-record', fields: ['insured', 'scheme', 'years'] }],
    validDays: 30,
    statement: (d, h) => ({
      zh: `${h}参加${v(d, 'hsb/insurance-record', 'scheme')}，缴费年限 ${v(d, 'hsb/insurance-record', 'years')} 年。`,
      en: `${h} is insured (${v(d, 'hsb/insurance-record', 'scheme')}), ${v(d, 'hsb/insurance-record', 'years')} years paid.`,
    }),
  },
  {
    code: 'tax-payment',
    name: { zh: '纳税证明', en: 'Tax payments' },
    subject: 'self',
    items: [{ source: 'tax', item: 'tax-payment', fields: ['year', 'paid'] }],
    validDays: 30,
    statement: (d, h) => ({
      zh: `${h} ${v(d, 'tax/tax-payment', 'year')} 年度已缴纳个人所得税 ${v(d, 'tax/tax-payment', 'paid')} 元。`,
      en: `${h} paid CNY ${v(d, 'tax/tax-payment', 'paid')} of income tax for ${v(d, 'tax/tax-payment', 'year')}.`,
    }),
  },
  {
    code: 'no-arrears',
    name: { zh: '无欠税证明', en: 'No tax arrears' },
    subject: 'self',
    items: [{ source: 'tax', item: 'tax-payment', fields: ['arrears'] }],
    validDays: 30,
    refuse: (d) =>
      d['tax/tax-payment']?.arrears === false
        ? null
        : {
            zh: '存在欠税，不能出具无欠税证明',
            en: 'There are tax arrears; this proof cannot be issued',
          },
    statement: (_d, h) => ({ zh: `经查询，${h}无欠税记录。`, en: `${h} owes no tax.` }),
  },
  {
    code: 'property-ownership',
    name: { zh: '不动产权属证明', en: 'Property ownership' },
    subject: 'self',
    items: [
      {
        source: 'realestate',
        item: 'property-register',
        fields: ['certificateNo', 'area', 'share'],
      },
    ],
    validDays: 30,
    statement: (d, h) => ({
      zh: `${h}持有不动产权证 ${v(d, 'realestate/property-register', 'certificateNo')}，建筑面积 ${v(d, 'realestate/property-register', 'area')} 平方米（${v(d, 'realestate/property-register', 'share')}）。`,
      en: `${h} holds title ${v(d, 'realestate/property-register', 'certificateNo')}, ${v(d, 'realestate/property-register', 'area')} m² (${v(d, 'realestate/property-register', 'share')}).`,
    }),
  },
  {
    code: 'residence',
    name: { zh: '居住证明', en: 'Residence' },
    subject: 'self',
    items: [{ source: 'psb', item: 'household-register', fields: ['division', 'address'] }],
    validDays: 90,
    statement: (d, h) => ({
      zh: `${h}居住于${v(d, 'psb/household-register', 'address')}。`,
      en: `${h} lives at ${v(d, 'psb/household-register', 'address')}.`,
    }),
  },
  {
    code: 'birth',
    name: { zh: '出生证明', en: 'Birth' },
    subject: 'self',
    items: [
      {
        source: 'health',
        item: 'birth-register',
        fields: ['certificateNo', 'childName', 'sex', 'birthDate', 'hospital'],
      },
    ],
    validDays: 365,
    statement: (d, h) => ({
      zh: `${v(d, 'health/birth-register', 'childName')}于 ${v(d, 'health/birth-register', 'birthDate')} 在${v(d, 'health/birth-register', 'hospital')}出生，母亲${h}，出生医学证明编号 ${v(d, 'health/birth-register', 'certificateNo')}。`,
      en: `${v(d, 'health/birth-register', 'childName')} was born on ${v(d, 'health/birth-register', 'birthDate')} at ${v(d, 'health/birth-register', 'hospital')} to ${h}; certificate ${v(d, 'health/birth-register', 'certificateNo')}.`,
    }),
    verifierStatement: (d, h) => ({
      zh: `${masked(d, 'health/birth-register', 'childName')}于 ${v(d, 'health/birth-register', 'birthDate')} 出生，母亲${h}，出生医学证明编号 ${v(d, 'health/birth-register', 'certificateNo')}。`,
      en: `${masked(d, 'health/birth-register', 'childName')} was born on ${v(d, 'health/birth-register', 'birthDate')} to ${h}; certificate ${v(d, 'health/birth-register', 'certificateNo')}.`,
    }),
  },
  {
    code: 'death',
    name: { zh: '死亡证明', en: 'Death' },
    subject: 'parent',
    items: [{ source: 'health', item: 'death-register', fields: ['certificateNo', 'diedAt'] }],
    validDays: 365,
    statement: (d, h) => ({
      zh: `${h}于 ${v(d, 'health/death-register', 'diedAt')} 死亡，死亡医学证明编号 ${v(d, 'health/death-register', 'certificateNo')}。`,
      en: `${h} died on ${v(d, 'health/death-register', 'diedAt')}; certificate ${v(d, 'health/death-register', 'certificateNo')}.`,
    }),
  },
  {
    code: 'business-status',
    name: { zh: '企业经营状态证明', en: 'Business status' },
    subject: 'organization',
    items: [
      {
        source: 'amr',
        item: 'company-register',
        fields: ['name', 'creditCode', 'status', 'registeredAt'],
      },
    ],
    validDays: 30,
    statement: (d) => ({
      zh: `${v(d, 'amr/company-register', 'name')}（统一社会信用代码 ${v(d, 'amr/company-register', 'creditCode')}）成立于 ${v(d, 'amr/company-register', 'registeredAt')}，登记状态：${v(d, 'amr/company-register', 'status')}。`,
      en: `${v(d, 'amr/company-register', 'name')} (${v(d, 'amr/company-register', 'creditCode')}), registered ${v(d, 'amr/company-register', 'registeredAt')}, status: ${v(d, 'amr/company-register', 'status')}.`,
    }),
  },
  {
    code: 'provident-fund',
    name: { zh: '住房公积金缴存证明', en: 'Housing provident fund' },
    subject: 'self',
    items: [{ source: 'hpf', item: 'provident-fund-account', fields: ['status'] }],
    validDays: 30,
    statement: (d, h) => ({
      zh: `${h}的住房公积金账户状态：${v(d, 'hpf/provident-fund-account', 'status')}。`,
      en: `${h}'s provident fund account is ${v(d, 'hpf/provident-fund-account', 'status')}.`,
    }),
  },
];

/** The template of a code, or undefined. Throws nothing. */
export function proofTemplate(code: string): ProofTemplate | undefined {
  return PROOF_TEMPLATES.find((t) => t.code === code);
}
