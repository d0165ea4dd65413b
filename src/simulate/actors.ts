import type { App } from '../app.js';
import { AppError } from '../platform/errors/index.js';
import type { Principal } from '../platform/http/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../demo/index.js';
import { currentTotp } from '../modules/identity/index.js';
import { seedPopulation, type PopulationReport } from '../modules/datahub/index.js';
import type { SimulatedClock } from './clock.js';

/** The password of the accounts the simulation adds (synthetic applicants and clerks). */
export const SIM_PASSWORD = 'simulate-2026';

export interface SimPerson {
  idNumber: string;
  name: string;
  birthDate: string;
}
export interface SimCompany {
  creditCode: string;
  name: string;
  representative: SimPerson;
}
export interface SimBirth {
  fatherIdNumber: string | null;
  motherIdNumber: string;
  childName: string;
}

/** The synthetic population: who may apply (adults), the companies and the year's births. */
export interface Population {
  report: PopulationReport;
  adults: SimPerson[];
  companies: SimCompany[];
  births: SimBirth[];
}

/**
 * Seeds the synthetic population into the data hub (seedPopulation) and keeps who is in it:
 * adults apply, companies apply through their legal representative, births feed 出生一件事.
 */
export async function seedSimPopulation(
  app: App,
  options: { people: number; seed: number; at: Date },
  onProgress?: (done: number, total: number) => void,
): Promise<Population> {
  const adults: SimPerson[] = [];
  const companies: SimCompany[] = [];
  const births: SimBirth[] = [];
  const adultYear = options.at.getUTCFullYear() - 18;
  const repo = app.services.datahub.repo;
  const report = await seedPopulation(
    {
      async upsertRecords(rows) {
        const byName = new Map<string, SimPerson>();
        for (const r of rows) {
          const data = JSON.parse(r.data) as Record<string, unknown>;
          if (r.source === 'psb' && r.item === 'population-basic') {
            const p = {
              idNumber: String(data.idNumber),
              name: String(data.name),
              birthDate: String(data.birthDate),
            };
            if (Number(p.birthDate.slice(0, 4)) <= adultYear) {
              adults.push(p);
              if (!byName.has(p.name)) byName.set(p.name, p);
            }
          }
        }
        for (const r of rows) {
          const data = JSON.parse(r.data) as Record<string, unknown>;
          if (r.source === 'amr' && r.item === 'company-register') {
            const rep = byName.get(String(data.legalRepresentative));
            if (rep)
              companies.push({
                creditCode: String(data.creditCode),
                name: String(data.name),
                representative: rep,
              });
          } else if (
            typeof data.motherIdNumber === 'string' &&
            typeof data.childName === 'string'
          ) {
            births.push({
              motherIdNumber: data.motherIdNumber,
              fatherIdNumber: typeof data.fatherIdNumber === 'string' ? data.fatherIdNumber : null,
              childName: data.childName,
            });
          }
        }
        await repo.upsertRecords(rows);
      },
    },
    options,
    onProgress,
  );
  return {
    report,
    adults,
    companies,
    births: dedupe(births, (b) => b.motherIdNumber + b.childName),
  };
}

function dedupe<T>(xs: T[], key: (x: T) => string): T[] {
  return [...new Map(xs.map((x) => [key(x), x])).values()];
}

/** The staff the simulation acts as, signed in once through the identity service. */
export interface Staff {
  clerks: Principal[];
  overseasClerks: Principal[];
  supervisor: Principal;
  reviewers: Map<string, Principal>;
  leads: Map<string, Principal>;
}

const EXTRA_CLERKS = [
  { username: 'sim.clerk3', name: '吴婷（综合窗口）', grade: 'intermediate', windowNo: 'A03' },
  { username: 'sim.clerk4', name: '郑浩（综合窗口）', grade: 'senior', windowNo: 'A04' },
  { username: 'sim.clerk5', name: '冯雪（综合窗口）', grade: 'junior', windowNo: 'A05' },
];
const OVERSEAS_CLERKS = [
  { username: 'sim.overseas.paris', name: '全球通巴黎服务点', grade: 'senior', windowNo: null },
  { username: 'sim.overseas.prato', name: '全球通普拉托服务点', grade: 'senior', windowNo: null },
  {
    username: 'sim.overseas.milan',
    name: '全球通米兰服务点',
    grade: 'intermediate',
    windowNo: null,
  },
];

/**
 * Signs in as a staff account the way the web app does (password and the TOTP code of now)
 * and returns the principal its session resolves to.
 */
export async function signIn(
  app: App,
  clock: SimulatedClock,
  username: string,
  password: string,
): Promise<Principal> {
  const { identity } = app.services;
  const session = await identity
    .login({ username, password, totp: currentTotp(DEMO_TOTP_SECRET, clock.now()) }, { ip: null })
    .catch((error: unknown) => {
      // TOTP codes are single-use: a later sign-in of this account already happened.
      if (error instanceof AppError && error.code === 'AUTH_TOTP_INVALID')
        throw new Error(
          `${username} has signed in later than the simulated ${clock.now().toISOString()} (TOTP codes are single-use): simulate from a later --start, or on a fresh database`,
        );
      throw error;
    });
  const principal = await identity.authenticate(session.token);
  if (!principal) throw new Error(`no session for ${username}`);
  return principal;
}

/**
 * The demo staff (clerk1, clerk2, supervisor1, each department's reviewer and lead) and the
 * clerks the simulation adds (three more window clerks, three overseas service points),
 * created through the identity service when missing, each signed in once.
 */
export async function signInStaff(app: App, clock: SimulatedClock): Promise<Staff> {
  const { identity, catalog } = app.services;
  for (const c of [...EXTRA_CLERKS, ...OVERSEAS_CLERKS]) {
    if (!(await identity.accountExists(c.username)))
      await identity.createAccount({
        username: c.username,
        password: SIM_PASSWORD,
        kind: 'staff',
        displayName: c.name,
        roles: ['clerk'],
        departmentCode: 'zwfw',
        totpSecret: DEMO_TOTP_SECRET,
      });
  }
  const clerks = [
    await signIn(app, clock, 'clerk1', DEMO_PASSWORD),
    await signIn(app, clock, 'clerk2', DEMO_PASSWORD),
  ];
  for (const c of EXTRA_CLERKS) clerks.push(await signIn(app, clock, c.username, SIM_PASSWORD));
  const overseasClerks: Principal[] = [];
  for (const c of OVERSEAS_CLERKS)
    overseasClerks.push(await signIn(app, clock, c.username, SIM_PASSWORD));
  const reviewers = new Map<string, Principal>();
  const leads = new Map<string, Principal>();
  for (const d of catalog.listDepartments()) {
    if (await identity.accountExists(`reviewer.${d.code}`))
      reviewers.set(d.code, await signIn(app, clock, `reviewer.${d.code}`, DEMO_PASSWORD));
    if (await identity.accountExists(`lead.${d.code}`))
      leads.set(d.code, await signIn(app, clock, `lead.${d.code}`, DEMO_PASSWORD));
  }
  const supervisor = await signIn(app, clock, 'supervisor1', DEMO_PASSWORD);
  // The added clerks' grades (考级), set by the supervision office as an admin would.
  const added = [...EXTRA_CLERKS, ...OVERSEAS_CLERKS];
  const principals = [...clerks.slice(2), ...overseasClerks];
  for (let i = 0; i < added.length; i++) {
    const c = added[i]!;
    try {
      await app.services.windowStaff.service.setProfile(supervisor, principals[i]!.accountId, {
        grade: c.grade,
        windowNo: c.windowNo,
      });
    } catch {
      // Grades the rules do not have: the clerk keeps the default grade.
    }
  }
  return { clerks, overseasClerks, supervisor, reviewers, leads };
}

/**
 * Applicants' own accounts (网上办事): made on first use through the identity service, the
 * person or company registered, then signed in once.
 */
export function applicantAccounts(app: App) {
  const { identity, registry } = app.services;
  const cache = new Map<string, Principal>();
  async function open(username: string, create: () => Promise<void>): Promise<Principal> {
    const kept = cache.get(username);
    if (kept) return kept;
    if (!(await identity.accountExists(username))) await create();
    const session = await identity.login({ username, password: SIM_PASSWORD }, { ip: null });
    const principal = await identity.authenticate(session.token);
    if (!principal) throw new Error(`no session for ${username}`);
    cache.set(username, principal);
    return principal;
  }
  return {
    person: (p: SimPerson, index: number) =>
      open(`sim.p${index}`, async () => {
        const person = await registry.ensurePerson({ idNumber: p.idNumber, name: p.name });
        await identity.createAccount({
          username: `sim.p${index}`,
          password: SIM_PASSWORD,
          kind: 'person',
          displayName: p.name,
          personId: person.id,
        });
      }),
    company: (c: SimCompany, index: number) =>
      open(`sim.c${index}`, async () => {
        const rep = await registry.ensurePerson(c.representative);
        const org = await registry.ensureOrganization({
          creditCode: c.creditCode,
          name: c.name,
          legalRepresentativeId: rep.id,
        });
        await identity.createAccount({
          username: `sim.c${index}`,
          password: SIM_PASSWORD,
          kind: 'company',
          displayName: `${c.name}（${c.representative.name}）`,
          personId: rep.id,
          organizationId: org.id,
        });
      }),
    /** Registers a company (for window applications by credit code). */
    async registerCompany(c: SimCompany) {
      const rep = await registry.ensurePerson(c.representative);
      await registry.ensureOrganization({
        creditCode: c.creditCode,
        name: c.name,
        legalRepresentativeId: rep.id,
      });
    },
  };
}
