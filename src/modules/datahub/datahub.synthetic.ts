import type { RecordRow } from './datahub.repo.js';

/** A synthetic person as the sources would know them. */
export interface PersonProfile {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  /** The 6-digit division of the household registration (Zhejiang: 33xxxx). */
  division: string;
  address: string;
  householdNo: string;
  head: string;
  relation: string;
  members: { name: string; relation: string }[];
  spouse?: { name: string; idNumber: string; registeredAt: string; certificateNo: string };
  parents?: { name: string; idNumber: string }[];
  children?: { name: string; idNumber: string | null }[];
  employer?: string;
  /** Months of social insurance paid. */
  months?: number;
  property?: { certificateNo: string; address: string; area: number };
  vehicle?: { plate: string; model: string };
  deceased?: { diedAt: string; certificateNo: string };
  /** 居住证: held where one lives away from the household registration. */
  residencePermit?: {
    permitNumber: string;
    residenceAddress: string;
    issuedOn: string;
    validUntil: string;
  };
}

/** A newborn's birth as the health source records it (keyed by the mother's identity number). */
export interface BirthProfile {
  motherIdNumber: string;
  fatherIdNumber: string | null;
  childName: string;
  sex: 'male' | 'female';
  birthDate: string;
  hospital: string;
  certificateNo: string;
}

/** An organisation as the market regulator records it. */
export interface CompanyProfile {
  creditCode: string;
  name: string;
  legalRepresentative: string;
  officers: { name: string; role: string }[];
  registeredAt: string;
  address: string;
  status?: string;
}

const row = (
  source: string,
  item: string,
  key: string,
  data: Record<string, unknown>,
  at: string,
): RecordRow => ({
  id: `${source}:${item}:${key}`,
  source,
  item,
  subject_key: key,
  data: JSON.stringify(data),
  updated_at: at,
});

/** Every source record of one person (population, household, kinship, insurance, tax, …). Throws nothing. */
export function personRecords(p: PersonProfile, at: string): RecordRow[] {
  const k = p.idNumber;
  const year = Number(at.slice(0, 4));
  const rows: RecordRow[] = [
    row(
      'psb',
      'population-basic',
      k,
      {
        name: p.name,
        idNumber: k,
        sex: p.sex,
        birthDate: p.birthDate,
        ethnicity: '汉族',
        address: p.address,
      },
      at,
    ),
    row(
      'psb',
      'household-register',
      k,
      {
        householdNo: p.householdNo,
        head: p.head,
        relation: p.relation,
        division: p.division,
        address: p.address,
        members: p.members,
        ...(p.deceased ? { deregistered: p.deceased.diedAt } : {}),
      },
      at,
    ),
    row(
      'psb',
      'kinship',
      k,
      {
        spouse: p.spouse?.name ?? null,
        parents: (p.parents ?? []).map((x) => x.name),
        children: (p.children ?? []).map((x) => x.name),
      },
      at,
    ),
    row('psb', 'criminal-record-check', k, { hasRecord: false, checkedAt: at.slice(0, 10) }, at),
    row('psb', 'id-photo', k, { photoRef: `photo:${k.slice(-6)}` }, at),
    row(
      'civil',
      'marriage-register',
      k,
      p.spouse
        ? {
            status: 'married',
            spouseName: p.spouse.name,
            spouseIdNumber: p.spouse.idNumber,
            registeredAt: p.spouse.registeredAt,
            certificateNo: p.spouse.certificateNo,
          }
        : { status: 'unmarried' },
      at,
    ),
    row(
      'tax',
      'tax-payment',
      k,
      { year: year - 1, paid: p.employer ? 3600 : 0, arrears: false },
      at,
    ),
    row(
      'hsb',
      'insurance-record',
      k,
      {
        insured: true,
        scheme: p.employer ? '职工医保' : '城乡居民医保',
        years: Math.floor((p.months ?? 0) / 12),
      },
      at,
    ),
    row(
      'edu',
      'education-record',
      k,
      {
        level: '本科',
        school: '浙江大学',
        graduatedAt: `${Number(p.birthDate.slice(0, 4)) + 22}-06`,
      },
      at,
    ),
    row('edu', 'teacher-exam-register', k, { passed: true, certificateNo: `JS${k.slice(-8)}` }, at),
    row(
      'hpf',
      'provident-fund-account',
      k,
      { accountNo: `GJJ${k.slice(-10)}`, balance: (p.months ?? 0) * 800, status: 'normal' },
      at,
    ),
    row('hrss', 'personnel-file', k, { keeper: '市人才服务中心' }, at),
  ];
  if (p.employer) {
    rows.push(
      row(
        'hrss',
        'insurance-record',
        k,
        {
          insured: true,
          employer: p.employer,
          months: p.months ?? 0,
          since: `${year - Math.ceil((p.months ?? 12) / 12)}-01`,
          lastPaid: at.slice(0, 7),
        },
        at,
      ),
      row('hrss', 'employment-record', k, { employer: p.employer, since: `${year - 3}-07-01` }, at),
    );
  }
  if (p.property)
    rows.push(
      row(
        'realestate',
        'property-register',
        k,
        { ...p.property, share: p.spouse ? '共同共有' : '单独所有' },
        at,
      ),
    );
  if (p.vehicle) {
    rows.push(
      row(
        'transport',
        'vehicle-register',
        k,
        { ...p.vehicle, registeredAt: `${year - 2}-05-10` },
        at,
      ),
      row(
        'transport',
        'driving-licence',
        k,
        { class: 'C1', validUntil: `${year + 6}-05-10`, points: 0 },
        at,
      ),
    );
  }
  if (p.residencePermit) rows.push(row('psb', 'residence-permit', k, { ...p.residencePermit }, at));
  if (p.deceased) {
    rows.push(
      row(
        'health',
        'death-register',
        k,
        { certificateNo: p.deceased.certificateNo, diedAt: p.deceased.diedAt },
        at,
      ),
      row('health', 'death-diagnosis', k, { hospital: '市第一人民医院' }, at),
      row('civil', 'cremation-register', k, { crematedAt: p.deceased.diedAt }, at),
    );
  }
  return rows;
}

/** The health source's records of a birth (birth certificate and delivery), keyed by the mother. Throws nothing. */
export function birthRecords(b: BirthProfile, at: string): RecordRow[] {
  return [
    row(
      'health',
      'birth-register',
      b.motherIdNumber,
      {
        certificateNo: b.certificateNo,
        childName: b.childName,
        sex: b.sex,
        birthDate: b.birthDate,
        hospital: b.hospital,
        fatherIdNumber: b.fatherIdNumber,
        motherIdNumber: b.motherIdNumber,
      },
      at,
    ),
    row(
      'health',
      'delivery-record',
      b.motherIdNumber,
      { hospital: b.hospital, deliveredAt: b.birthDate },
      at,
    ),
  ];
}

/** The market regulator's record of a company. Throws nothing. */
export function companyRecords(c: CompanyProfile, at: string): RecordRow[] {
  return [
    row(
      'amr',
      'company-register',
      c.creditCode,
      {
        name: c.name,
        creditCode: c.creditCode,
        status: c.status ?? '存续',
        legalRepresentative: c.legalRepresentative,
        officers: c.officers,
        registeredAt: c.registeredAt,
        address: c.address,
      },
      at,
    ),
  ];
}
