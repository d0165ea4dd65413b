import type { DatahubRepo } from './datahub.repo.js';
import {
  birthRecords,
  companyRecords,
  personRecords,
  type PersonProfile,
} from './datahub.synthetic.js';

const ZHANG = { name: '张伟', idNumber: '330681199003071233' };
const LI = { name: '李娜', idNumber: '33040220000229002X' };
const ADDRESS = '浙江省诸暨市暨阳街道艮塔西路 18 号';

/**
 * Source records for the demo accounts and their families, so that every demo flow (the
 * newborn bundle above all) finds its data: citizen1 张伟 and citizen2 李娜 are married and
 * have a baby born in hospital; the company of company1 is registered. The catalog's example
 * parents and deceased get records too. Idempotent (upserts).
 */
export async function seedDatahubDemo(
  repo: Pick<DatahubRepo, 'upsertRecords'>,
  at: Date,
): Promise<void> {
  const now = at.toISOString();
  const family = [
    { name: '张伟', relation: '户主' },
    { name: '李娜', relation: '妻' },
  ];
  const people: PersonProfile[] = [
    {
      ...ZHANG,
      sex: 'male',
      birthDate: '1990-03-07',
      division: '330681',
      address: ADDRESS,
      householdNo: '330681012345',
      head: ZHANG.name,
      relation: '户主',
      members: family,
      spouse: { ...LI, registeredAt: '2024-05-20', certificateNo: 'J330681-2024-001234' },
      parents: [{ name: '张建国', idNumber: '330681196305182138' }],
      children: [{ name: '张小宇', idNumber: null }],
      employer: '诸暨市示范纺织有限公司',
      months: 96,
      property: {
        certificateNo: '浙（2023）诸暨市不动产权第0054321号',
        address: ADDRESS,
        area: 98.5,
      },
      vehicle: { plate: '浙D·A1234', model: '比亚迪秦' },
    },
    {
      ...LI,
      sex: 'female',
      birthDate: '2000-02-29',
      division: '330402',
      address: ADDRESS,
      householdNo: '330681012345',
      head: ZHANG.name,
      relation: '妻',
      members: family,
      spouse: { ...ZHANG, registeredAt: '2024-05-20', certificateNo: 'J330681-2024-001234' },
      children: [{ name: '张小宇', idNumber: null }],
      employer: '嘉兴南湖示范科技有限公司',
      months: 30,
      // Registered in Nanhu, living in Zhuji with her husband: a Zhuji residence permit.
      residencePermit: {
        permitNumber: '330681202500321',
        residenceAddress: ADDRESS,
        issuedOn: '2025-06-30',
        validUntil: `${Number(now.slice(0, 4)) + 1}-06-30`,
      },
    },
    {
      name: '王芳',
      idNumber: '330402198805120024',
      sex: 'female',
      birthDate: '1988-05-12',
      division: '330402',
      address: '浙江省嘉兴市南湖区南湖路 88 号',
      householdNo: '330402067890',
      head: '王芳',
      relation: '户主',
      members: [{ name: '王芳', relation: '户主' }],
      employer: '嘉兴南湖示范科技有限公司',
      months: 120,
    },
    {
      name: '王建军',
      idNumber: '330681198503122418',
      sex: 'male',
      birthDate: '1985-03-12',
      division: '330681',
      address: '浙江省诸暨市浣东街道东二路 6 号',
      householdNo: '330681054321',
      head: '王建军',
      relation: '户主',
      members: [
        { name: '王建军', relation: '户主' },
        { name: '陈丽', relation: '妻' },
      ],
      spouse: {
        name: '陈丽',
        idNumber: '33068119870921262X',
        registeredAt: '2012-10-01',
        certificateNo: 'J330681-2012-000777',
      },
      employer: '诸暨市示范机械有限公司',
      months: 150,
    },
    {
      name: '陈丽',
      idNumber: '33068119870921262X',
      sex: 'female',
      birthDate: '1987-09-21',
      division: '330681',
      address: '浙江省诸暨市浣东街道东二路 6 号',
      householdNo: '330681054321',
      head: '王建军',
      relation: '妻',
      members: [
        { name: '王建军', relation: '户主' },
        { name: '陈丽', relation: '妻' },
      ],
      spouse: {
        name: '王建军',
        idNumber: '330681198503122418',
        registeredAt: '2012-10-01',
        certificateNo: 'J330681-2012-000777',
      },
      months: 60,
    },
    {
      name: '张建国',
      idNumber: '330681196305182138',
      sex: 'male',
      birthDate: '1963-05-18',
      division: '330681',
      address: '浙江省诸暨市暨阳街道艮塔西路 20 号',
      householdNo: '330681011111',
      head: '张建国',
      relation: '户主',
      members: [{ name: '张建国', relation: '户主' }],
      children: [{ name: '张伟', idNumber: ZHANG.idNumber }],
      months: 360,
      // The estate of 继承公证 (notary-inheritance).
      property: {
        certificateNo: '浙（2009）诸暨市不动产权第0012345号',
        address: '浙江省诸暨市暨阳街道艮塔西路 20 号',
        area: 76.2,
      },
      deceased: { diedAt: '2026-11-20', certificateNo: 'S330681-2026-00088' },
    },
  ];
  const rows = [
    ...people.flatMap((p) => personRecords(p, now)),
    ...birthRecords(
      {
        motherIdNumber: LI.idNumber,
        fatherIdNumber: ZHANG.idNumber,
        childName: '张小宇',
        sex: 'male',
        birthDate: '2026-11-28',
        hospital: '诸暨市人民医院',
        certificateNo: 'Q330681263',
      },
      now,
    ),
    ...birthRecords(
      {
        motherIdNumber: '33068119870921262X',
        fatherIdNumber: '330681198503122418',
        childName: '王小宇',
        sex: 'male',
        birthDate: '2026-11-25',
        hospital: '诸暨市妇幼保健院',
        certificateNo: 'Q330681258',
      },
      now,
    ),
    ...companyRecords(
      {
        creditCode: '91330402MA2CXK7T89',
        name: '嘉兴南湖示范科技有限公司',
        legalRepresentative: '王芳',
        officers: [
          { name: '王芳', role: '执行董事' },
          { name: '李娜', role: '监事' },
        ],
        registeredAt: '2021-06-18',
        address: '浙江省嘉兴市南湖区南湖路 88 号',
      },
      now,
    ),
  ];
  await repo.upsertRecords(rows);
}
