/** How sensitive a field is: `sensitive` fields are masked wherever they are shown and not needed. */
export type Sensitivity = 'normal' | 'sensitive';

/** One field of a data item. */
export interface ItemField {
  name: string;
  label: { zh: string; en: string };
  sensitivity: Sensitivity;
}

/** A data item a source department shares (共享数据项). */
export interface DataItem {
  source: string;
  item: string;
  name: { zh: string; en: string };
  /** Whom a record is about: a person (identity number) or an organisation (credit code). */
  subject: 'person' | 'organization';
  fields: ItemField[];
}

/** A source department of the data hub. */
export interface DataSourceInfo {
  code: string;
  name: { zh: string; en: string };
}

const f = (
  name: string,
  zh: string,
  en: string,
  sensitivity: Sensitivity = 'normal',
): ItemField => ({
  name,
  label: { zh, en },
  sensitivity,
});
const S = 'sensitive' as const;

/** The source departments the platform's data hub connects (公共数据平台). */
export const DATA_SOURCES: DataSourceInfo[] = [
  { code: 'psb', name: { zh: '公安户籍', en: 'Household registration (Public Security)' } },
  {
    code: 'hrss',
    name: { zh: '人社社保', en: 'Social insurance (Human Resources and Social Security)' },
  },
  { code: 'hsb', name: { zh: '医保', en: 'Medical insurance (Healthcare Security)' } },
  { code: 'realestate', name: { zh: '不动产登记', en: 'Real estate registration' } },
  { code: 'civil', name: { zh: '民政婚姻登记', en: 'Civil affairs (marriage registration)' } },
  { code: 'edu', name: { zh: '教育', en: 'Education' } },
  { code: 'tax', name: { zh: '税务', en: 'Tax' } },
  { code: 'amr', name: { zh: '市场主体登记', en: 'Market entities (Market Regulation)' } },
  { code: 'transport', name: { zh: '车辆和驾驶证', en: 'Vehicles and driving licences' } },
  {
    code: 'health',
    name: { zh: '卫健（出生医学证明）', en: 'Health (birth and death certificates)' },
  },
  { code: 'hpf', name: { zh: '住房公积金', en: 'Housing provident fund' } },
];

const person = (
  source: string,
  item: string,
  zh: string,
  en: string,
  fields: ItemField[],
): DataItem => ({
  source,
  item,
  name: { zh, en },
  subject: 'person',
  fields,
});

/**
 * Every data item, with fields and sensitivity. Names match the `satisfiedBy.datahub` of the
 * catalog YAML (`source` = department code, `item` = data item code).
 */
export const DATA_ITEMS: DataItem[] = [
  person('psb', 'population-basic', '人口基本信息', 'Basic population data', [
    f('name', '姓名', 'Name'),
    f('idNumber', '公民身份号码', 'Identity number', S),
    f('sex', '性别', 'Sex'),
    f('birthDate', '出生日期', 'Date of birth'),
    f('ethnicity', '民族', 'Ethnicity'),
    f('address', '住址', 'Address', S),
  ]),
  person('psb', 'household-register', '户籍信息（户口簿）', 'Household register', [
    f('householdNo', '户号', 'Household number'),
    f('head', '户主', 'Head of household'),
    f('relation', '与户主关系', 'Relation to the head'),
    f('division', '户籍地行政区划', 'Division of registration'),
    f('address', '户籍地址', 'Registered address', S),
    f('members', '户内成员', 'Members of the household', S),
  ]),
  person('psb', 'residence-permit', '居住证', 'Residence permit', [
    f('permitNumber', '居住证号码', 'Permit number'),
    f('residenceAddress', '居住地址', 'Place of residence', S),
    f('issuedOn', '签发日期', 'Issued on'),
    f('validUntil', '有效期至', 'Valid until'),
  ]),
  person('psb', 'kinship', '亲属关系', 'Kinship', [
    f('spouse', '配偶', 'Spouse', S),
    f('parents', '父母', 'Parents', S),
    f('children', '子女', 'Children', S),
  ]),
  person('psb', 'criminal-record-check', '违法犯罪记录查询', 'Criminal record check', [
    f('hasRecord', '有无犯罪记录', 'Any criminal record'),
    f('checkedAt', '查询时间', 'Checked at'),
  ]),
  person('psb', 'id-photo', '证件照片', 'Identity photo', [
    f('photoRef', '照片引用', 'Photo reference', S),
  ]),
  person('hrss', 'insurance-record', '社会保险参保缴费记录', 'Social insurance record', [
    f('insured', '参保状态', 'Insured'),
    f('employer', '参保单位', 'Employer'),
    f('months', '累计缴费月数', 'Months paid'),
    f('since', '参保起始', 'Insured since'),
    f('lastPaid', '最近缴费月份', 'Last month paid'),
  ]),
  person('hrss', 'employment-record', '就业登记', 'Employment record', [
    f('employer', '用人单位', 'Employer'),
    f('since', '入职时间', 'Since'),
  ]),
  person('hrss', 'pension-register', '养老待遇', 'Pension entitlement', [
    f('monthly', '月养老金', 'Monthly pension', S),
    f('since', '待遇起始', 'Since'),
  ]),
  person('hrss', 'personnel-file', '人事档案', 'Personnel file', [
    f('keeper', '存档机构', 'Kept by'),
  ]),
  person('hsb', 'insurance-record', '医疗保险参保缴费记录', 'Medical insurance record', [
    f('insured', '参保状态', 'Insured'),
    f('scheme', '险种', 'Scheme'),
    f('years', '缴费年限', 'Years paid'),
  ]),
  person('realestate', 'property-register', '不动产登记信息', 'Real estate register', [
    f('certificateNo', '不动产权证号', 'Title certificate number'),
    f('address', '坐落', 'Location', S),
    f('area', '建筑面积（平方米）', 'Floor area (m²)'),
    f('share', '共有情况', 'Ownership share'),
  ]),
  person('civil', 'marriage-register', '婚姻登记信息', 'Marriage register', [
    f('status', '婚姻状况', 'Marital status'),
    f('spouseName', '配偶姓名', "Spouse's name", S),
    f('spouseIdNumber', '配偶公民身份号码', "Spouse's identity number", S),
    f('registeredAt', '登记日期', 'Registered on'),
    f('certificateNo', '结婚证字号', 'Certificate number'),
  ]),
  person('civil', 'assistance-register', '社会救助', 'Social assistance', [
    f('kind', '救助类别', 'Kind'),
  ]),
  person('civil', 'cremation-register', '火化信息', 'Cremation record', [
    f('crematedAt', '火化日期', 'Cremated on'),
  ]),
  person('edu', 'teacher-exam-register', '教师资格考试', 'Teacher qualification exam', [
    f('passed', '是否合格', 'Passed'),
    f('certificateNo', '合格证明编号', 'Certificate number'),
  ]),
  person('edu', 'education-record', '学历信息', 'Education record', [
    f('level', '学历', 'Level'),
    f('school', '毕业院校', 'School'),
    f('graduatedAt', '毕业时间', 'Graduated'),
  ]),
  person('tax', 'tax-payment', '纳税记录', 'Tax payments', [
    f('year', '年度', 'Year'),
    f('paid', '已缴税额（元）', 'Tax paid (CNY)', S),
    f('arrears', '欠税', 'Arrears'),
  ]),
  {
    source: 'amr',
    item: 'company-register',
    name: { zh: '市场主体登记信息', en: 'Market entity register' },
    subject: 'organization',
    fields: [
      f('name', '名称', 'Name'),
      f('creditCode', '统一社会信用代码', 'Credit code'),
      f('status', '登记状态', 'Status'),
      f('legalRepresentative', '法定代表人', 'Legal representative', S),
      f('officers', '主要人员', 'Officers', S),
      f('registeredAt', '成立日期', 'Registered on'),
      f('address', '住所', 'Address'),
    ],
  },
  person('transport', 'vehicle-register', '机动车登记', 'Vehicle register', [
    f('plate', '号牌', 'Plate', S),
    f('model', '品牌型号', 'Model'),
    f('registeredAt', '登记日期', 'Registered on'),
  ]),
  person('transport', 'driving-licence', '驾驶证', 'Driving licence', [
    f('class', '准驾车型', 'Class'),
    f('validUntil', '有效期至', 'Valid until'),
    f('points', '记分', 'Points'),
  ]),
  person('health', 'birth-register', '出生医学证明', 'Birth medical certificate', [
    f('certificateNo', '出生医学证明编号', 'Certificate number'),
    f('childName', '新生儿姓名', "Child's name"),
    f('sex', '性别', 'Sex'),
    f('birthDate', '出生日期', 'Date of birth'),
    f('hospital', '助产机构', 'Maternity hospital'),
    f('fatherIdNumber', '父亲公民身份号码', "Father's identity number", S),
    f('motherIdNumber', '母亲公民身份号码', "Mother's identity number", S),
  ]),
  person('health', 'delivery-record', '住院分娩记录', 'Hospital delivery record', [
    f('hospital', '助产机构', 'Maternity hospital'),
    f('deliveredAt', '分娩日期', 'Delivered on'),
  ]),
  person('health', 'death-register', '死亡医学证明', 'Death certificate', [
    f('certificateNo', '编号', 'Certificate number'),
    f('diedAt', '死亡日期', 'Date of death'),
  ]),
  person('health', 'death-diagnosis', '死亡诊断记录', 'Death diagnosis', [
    f('hospital', '医疗机构', 'Hospital'),
  ]),
  person('health', 'physician-register', '医师执业注册', 'Physician register', [
    f('licenceNo', '执业证书编号', 'Licence number'),
  ]),
  person('hpf', 'provident-fund-account', '住房公积金账户', 'Provident fund account', [
    f('accountNo', '账号', 'Account number', S),
    f('balance', '余额（元）', 'Balance (CNY)', S),
    f('status', '账户状态', 'Status'),
  ]),
];

const byKey = new Map(DATA_ITEMS.map((i) => [`${i.source}/${i.item}`, i]));

/** The declared item `source/item`, or undefined when the hub has no such item. Throws nothing. */
export function findItem(source: string, item: string): DataItem | undefined {
  return byKey.get(`${source}/${item}`);
}

/** The record with only `fields` kept (all declared fields when `fields` is undefined). Throws nothing. */
export function pickFields(
  item: DataItem,
  data: Record<string, unknown>,
  fields?: string[],
): Record<string, unknown> {
  const keep = fields ?? item.fields.map((x) => x.name);
  return Object.fromEntries(keep.filter((k) => k in data).map((k) => [k, data[k]]));
}

/**
 * The hub as the catalog checks it: the sources it connects and the fields of their items.
 * A material of another source is asked from the applicant. Throws nothing.
 */
export const HUB_DIRECTORY = {
  connects: (source: string): boolean => DATA_SOURCES.some((s) => s.code === source),
  fields: (source: string, item: string): string[] | undefined =>
    findItem(source, item)?.fields.map((f) => f.name),
};
