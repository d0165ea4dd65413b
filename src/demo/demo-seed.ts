import type { StaffRole } from '../platform/http/index.js';
import type { IdentityService, NewAccount, RegistryService } from '../modules/identity/index.js';

/** The password of every demo account (API.md "Demo mode"). */
export const DEMO_PASSWORD = 'demo12345';
/** The TOTP secret all demo staff accounts share (base32, API.md "Demo mode"). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

/** A department as the demo seed needs it: its code and name. */
export interface DemoDepartment {
  code: string;
  name: string;
}

/** One line of the demo login table printed at start. */
export interface DemoLogin {
  username: string;
  who: string;
  totp: boolean;
}

// Synthetic but valid identity numbers (GB 11643 check character computed; not real people).
const CITIZENS = [
  { username: 'citizen1', name: '张伟', idNumber: '330681199003071233', phone: '13800000001' },
  { username: 'citizen2', name: '李娜', idNumber: '33040220000229002X', phone: '13800000002' },
];
const COMPANY_REP = { name: '王芳', idNumber: '330402198805120024', phone: '13800000003' };
// The synthetic Nanhu credit code of the research notes (GB 32100 check character valid).
const COMPANY = { name: '嘉兴南湖示范科技有限公司', creditCode: '91330402MA2CXK7T89' };

const STAFF: {
  username: string;
  displayName: string;
  roles: StaffRole[];
  department?: string;
  who: string;
}[] = [
  {
    username: 'clerk1',
    displayName: '陈敏（综合窗口）',
    roles: ['clerk'],
    department: 'zwfw',
    who: 'window clerk, any matter (无差别全科受理)',
  },
  {
    username: 'clerk2',
    displayName: '黄磊（综合窗口）',
    roles: ['clerk'],
    department: 'zwfw',
    who: "second window clerk of the same service centre (hands over colleagues' results)",
  },
  {
    username: 'supervisor1',
    displayName: '周强（效能监察）',
    roles: ['supervisor'],
    department: 'supervision',
    who: 'supervision office',
  },
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], who: 'platform administrator' },
  {
    username: 'judge1',
    displayName: '刘法官',
    roles: ['judge'],
    department: 'court',
    who: 'internet court judge',
  },
  {
    username: 'mediator1',
    displayName: '孙调解员',
    roles: ['mediator'],
    department: 'court',
    who: 'internet court mediator',
  },
  {
    username: 'verifier1',
    displayName: '西湖宾馆前台',
    roles: ['verifier'],
    who: 'hotel front desk verifying e-credentials',
  },
];

/**
 * Seeds the demo accounts of API.md: two residents, a company representative, two clerks,
 * one reviewer and one lead per department, supervisor, admin, court users and a verifier. Idempotent:
 * accounts that exist are left alone. Returns the login table to print.
 */
export async function seedDemo(deps: {
  identity: Pick<IdentityService, 'createAccount' | 'accountExists'>;
  registry: Pick<RegistryService, 'ensurePerson' | 'ensureOrganization'>;
  departments: DemoDepartment[];
}): Promise<DemoLogin[]> {
  const { identity, registry } = deps;
  const logins: DemoLogin[] = [];
  const jobs: (() => Promise<void>)[] = [];
  const add = (account: NewAccount, who: string) => {
    logins.push({ username: account.username, who, totp: account.kind === 'staff' });
    jobs.push(async () => {
      if (!(await identity.accountExists(account.username))) await identity.createAccount(account);
    });
  };

  for (const c of CITIZENS) {
    const person = await registry.ensurePerson(c);
    add(
      {
        username: c.username,
        password: DEMO_PASSWORD,
        kind: 'person',
        displayName: c.name,
        personId: person.id,
      },
      `resident ${c.name}`,
    );
  }
  const rep = await registry.ensurePerson(COMPANY_REP);
  const org = await registry.ensureOrganization({ ...COMPANY, legalRepresentativeId: rep.id });
  add(
    {
      username: 'company1',
      password: DEMO_PASSWORD,
      kind: 'company',
      displayName: `${COMPANY.name}（${rep.name}）`,
      personId: rep.id,
      organizationId: org.id,
    },
    `legal representative of ${COMPANY.name}`,
  );
  for (const s of STAFF) {
    add(
      {
        username: s.username,
        password: DEMO_PASSWORD,
        kind: 'staff',
        displayName: s.displayName,
        roles: s.roles,
        departmentCode: s.department,
        totpSecret: DEMO_TOTP_SECRET,
      },
      s.who,
    );
  }
  for (const d of deps.departments) {
    add(
      {
        username: `reviewer.${d.code}`,
        password: DEMO_PASSWORD,
        kind: 'staff',
        displayName: `${d.name}审批员`,
        roles: ['reviewer'],
        departmentCode: d.code,
        totpSecret: DEMO_TOTP_SECRET,
      },
      `reviewer of ${d.name}`,
    );
    add(
      {
        username: `lead.${d.code}`,
        password: DEMO_PASSWORD,
        kind: 'staff',
        displayName: `${d.name}负责人`,
        roles: ['lead'],
        departmentCode: d.code,
        totpSecret: DEMO_TOTP_SECRET,
      },
      `department lead of ${d.name}: escalations and follow-ups`,
    );
  }
  // scrypt runs on libuv's thread pool: a few at a time keeps start-up short.
  for (let i = 0; i < jobs.length; i += 4) await Promise.all(jobs.slice(i, i + 4).map((j) => j()));
  return logins;
}
