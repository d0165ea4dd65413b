import { buildCreditCode, buildIdNumber } from '../identity/index.js';
import type { DatahubRepo, RecordRow } from './datahub.repo.js';
import {
  birthRecords,
  companyRecords,
  personRecords,
  type PersonProfile,
} from './datahub.synthetic.js';

// Zhejiang county-level divisions (GB/T 2260) with the district names used in addresses.
const DIVISIONS: [string, string][] = [
  ['330102', '杭州市上城区'],
  ['330105', '杭州市拱墅区'],
  ['330106', '杭州市西湖区'],
  ['330108', '杭州市滨江区'],
  ['330110', '杭州市余杭区'],
  ['330203', '宁波市海曙区'],
  ['330212', '宁波市鄞州区'],
  ['330302', '温州市鹿城区'],
  ['330402', '嘉兴市南湖区'],
  ['330411', '嘉兴市秀洲区'],
  ['330502', '湖州市吴兴区'],
  ['330602', '绍兴市越城区'],
  ['330681', '绍兴市诸暨市'],
  ['330702', '金华市婺城区'],
  ['330782', '金华市义乌市'],
  ['330802', '衢州市柯城区'],
  ['330902', '舟山市定海区'],
  ['331002', '台州市椒江区'],
  ['331102', '丽水市莲都区'],
];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈',
];
const GIVEN_M = [...'伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆'];
const GIVEN_F = [...'芳娜敏静丽艳娟霞燕玲婷雪慧红琳颖倩佳欣怡萍晶蕾琪'];
const STREETS = [
  '解放路',
  '中山路',
  '人民路',
  '建设路',
  '文化路',
  '新华路',
  '环城路',
  '湖滨路',
  '学院路',
  '凤起路',
];
const EMPLOYERS = [
  '示范纺织',
  '示范机械',
  '示范科技',
  '示范物流',
  '示范食品',
  '示范建设',
  '示范电子',
  '示范医药',
];
const CODE_SET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A small deterministic PRNG (mulberry32): the same seed always gives the same population. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** What a synthetic population run produced. */
export interface PopulationReport {
  people: number;
  households: number;
  births: number;
  marriages: number;
  companies: number;
  records: number;
  /** Identity numbers of the first few people (for demos and benchmarks). */
  sample: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Generates a synthetic population of `people` persons in households (couples, children,
 * newborns of the past year), with valid identity numbers in Zhejiang divisions, marriages,
 * social insurance, properties, vehicles and companies with valid credit codes and officers,
 * all deterministic from `seed`. Yields record batches (one per household) as it goes.
 */
export function* generatePopulation(options: {
  people: number;
  seed: number;
  at: Date;
}): Generator<{ rows: RecordRow[]; people: number; report: PopulationReport }> {
  const r = prng(options.seed);
  const now = options.at.toISOString();
  const year = options.at.getUTCFullYear();
  const used = new Set<string>();
  const report: PopulationReport = {
    people: 0,
    households: 0,
    births: 0,
    marriages: 0,
    companies: 0,
    records: 0,
    sample: [],
  };
  const idFor = (division: string, birthDate: string, sex: 'male' | 'female') => {
    for (let tries = 0; ; tries++) {
      const seq = r.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
      const id = buildIdNumber({ division, birthDate, sequence: seq });
      if (!used.has(id) || tries > 50) {
        used.add(id);
        return id;
      }
    }
  };
  const dateIn = (y: number) => `${y}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
  const nameOf = (surname: string, sex: 'male' | 'female') =>
    surname +
    r.pick(sex === 'male' ? GIVEN_M : GIVEN_F) +
    (r.chance(0.6) ? r.pick(sex === 'male' ? GIVEN_M : GIVEN_F) : '');

  while (report.people < options.people) {
    const [division, district] = r.pick(DIVISIONS);
    const address = `浙江省${district}${r.pick(STREETS)} ${r.int(1, 300)} 号`;
    const householdNo = `${division}${String(report.households).padStart(6, '0')}`;
    const headSex: 'male' | 'female' = r.chance(0.8) ? 'male' : 'female';
    const headYear = r.int(year - 70, year - 22);
    const surname = r.pick(SURNAMES);
    const head = {
      name: nameOf(surname, headSex),
      sex: headSex,
      birthDate: dateIn(headYear),
      idNumber: '',
    };
    head.idNumber = idFor(division, head.birthDate, headSex);
    const left = options.people - report.people;
    const married = left > 1 && r.chance(0.7);
    const spouseSex: 'male' | 'female' = headSex === 'male' ? 'female' : 'male';
    const spouse = married
      ? {
          name: nameOf(r.pick(SURNAMES), spouseSex),
          sex: spouseSex,
          birthDate: dateIn(Math.min(year - 21, headYear + r.int(-3, 3))),
          idNumber: '',
        }
      : null;
    if (spouse) spouse.idNumber = idFor(division, spouse.birthDate, spouseSex);
    const mother = spouse ? (headSex === 'female' ? head : spouse) : null;
    const motherYear = mother ? Number(mother.birthDate.slice(0, 4)) : 0;
    const kids = spouse ? Math.min(left - 2, r.int(0, 2)) : 0;
    const children: {
      name: string;
      sex: 'male' | 'female';
      birthDate: string;
      idNumber: string | null;
    }[] = [];
    const years = new Set<number>();
    for (let i = 0; i < kids; i++) {
      const sex: 'male' | 'female' = r.chance(0.5) ? 'male' : 'female';
      const born = motherYear + r.int(22, 40);
      // Not born yet, or a second child in the same year: this household has fewer children.
      if (born > year || years.has(born)) continue;
      years.add(born);
      const birthDate =
        born >= year ? `${year}-${pad(r.int(1, options.at.getUTCMonth() + 1))}-01` : dateIn(born);
      const fatherName = headSex === 'male' ? head.name : (spouse?.name ?? head.name);
      children.push({
        name: nameOf(fatherName.slice(0, 1), sex),
        sex,
        birthDate,
        idNumber: born >= year ? null : idFor(division, birthDate, sex),
      });
    }
    const members = [
      { name: head.name, relation: '户主' },
      ...(spouse ? [{ name: spouse.name, relation: headSex === 'male' ? '妻' : '夫' }] : []),
      ...children
        .filter((c) => c.idNumber)
        .map((c) => ({ name: c.name, relation: c.sex === 'male' ? '子' : '女' })),
    ];
    const certificateNo = `J${division}-${year - r.int(1, 30)}-${String(r.int(1, 999999)).padStart(6, '0')}`;
    const registeredAt = dateIn(Math.max(Number(head.birthDate.slice(0, 4)) + 22, year - 30));
    const employed = () =>
      r.chance(0.8) ? `${district.slice(0, 3)}${r.pick(EMPLOYERS)}有限公司` : undefined;
    const adults: PersonProfile[] = [head, ...(spouse ? [spouse] : [])].map((p, i) => {
      const partner = i === 0 ? spouse : head;
      return {
        ...p,
        division,
        address,
        householdNo,
        head: head.name,
        relation: i === 0 ? '户主' : (members[1]?.relation ?? '配偶'),
        members,
        ...(spouse && partner
          ? {
              spouse: {
                name: partner.name,
                idNumber: partner.idNumber,
                registeredAt,
                certificateNo,
              },
            }
          : {}),
        children: children.map((c) => ({ name: c.name, idNumber: c.idNumber })),
        employer: employed(),
        months: r.int(0, 12 * (year - Number(p.birthDate.slice(0, 4)) - 20)),
        ...(i === 0 && r.chance(0.6)
          ? {
              property: {
                certificateNo: `浙（${year - r.int(0, 20)}）不动产权第${String(r.int(1, 9999999)).padStart(7, '0')}号`,
                address,
                area: r.int(45, 180),
              },
            }
          : {}),
        ...(r.chance(0.35)
          ? {
              vehicle: {
                plate: `浙${String.fromCharCode(65 + r.int(0, 10))}·${r.pick([...CODE_SET.slice(10)])}${r.int(1000, 9999)}`,
                model: r.pick(['比亚迪秦', '吉利帝豪', '大众朗逸', '丰田卡罗拉']),
              },
            }
          : {}),
      };
    });
    const kidProfiles: PersonProfile[] = children.flatMap((c) =>
      c.idNumber
        ? [
            {
              name: c.name,
              sex: c.sex,
              birthDate: c.birthDate,
              idNumber: c.idNumber,
              division,
              address,
              householdNo,
              head: head.name,
              relation: c.sex === 'male' ? '子' : '女',
              members,
              parents: adults.map((a) => ({ name: a.name, idNumber: a.idNumber })),
            },
          ]
        : [],
    );
    const rows = [...adults, ...kidProfiles].flatMap((p) => personRecords(p, now));
    for (const c of children.filter((x) => !x.idNumber && mother)) {
      report.births++;
      rows.push(
        ...birthRecords(
          {
            motherIdNumber: mother!.idNumber,
            fatherIdNumber: (headSex === 'male' ? head : spouse)?.idNumber ?? null,
            childName: c.name,
            sex: c.sex,
            birthDate: c.birthDate,
            hospital: `${district}人民医院`,
            certificateNo: `Q${division}${String(r.int(0, 999999)).padStart(6, '0')}`,
          },
          now,
        ),
      );
    }
    if (r.chance(0.05)) {
      report.companies++;
      const orgBody8 = `MA${Array.from({ length: 6 }, () => r.pick([...CODE_SET])).join('')}`;
      rows.push(
        ...companyRecords(
          {
            creditCode: buildCreditCode({ authority: '9', type: '1', division, orgBody8 }),
            name: `${district.slice(3)}${surname}氏${r.pick(EMPLOYERS)}有限公司`,
            legalRepresentative: head.name,
            officers: [
              { name: head.name, role: '执行董事' },
              ...(spouse ? [{ name: spouse.name, role: '监事' }] : []),
            ],
            registeredAt: dateIn(year - r.int(0, 15)),
            address,
          },
          now,
        ),
      );
    }
    const count = adults.length + children.length;
    report.people += count;
    report.households++;
    if (spouse) report.marriages++;
    report.records += rows.length;
    if (report.sample.length < 20) report.sample.push(head.idNumber);
    yield { rows, people: count, report };
  }
}

/**
 * Writes a synthetic population into the built-in sources in bulk (multi-row inserts in large
 * batches); `onProgress(done, total)` is called after each batch. Returns what was made.
 */
export async function seedPopulation(
  repo: Pick<DatahubRepo, 'upsertRecords'>,
  options: { people: number; seed: number; at: Date; batchRows?: number },
  onProgress?: (done: number, total: number) => void,
): Promise<PopulationReport> {
  let buffer: RecordRow[] = [];
  let done = 0;
  let report: PopulationReport | undefined;
  const batch = options.batchRows ?? 5000;
  for (const step of generatePopulation(options)) {
    buffer.push(...step.rows);
    done += step.people;
    report = step.report;
    if (buffer.length >= batch) {
      await repo.upsertRecords(buffer);
      buffer = [];
      onProgress?.(done, options.people);
    }
  }
  if (buffer.length > 0) await repo.upsertRecords(buffer);
  onProgress?.(done, options.people);
  return (
    report ?? {
      people: 0,
      households: 0,
      births: 0,
      marriages: 0,
      companies: 0,
      records: 0,
      sample: [],
    }
  );
}
