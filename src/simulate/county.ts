import type { App } from '../app.js';
import type { BundleGuide, MatterGuide } from '../../shared/contracts/index.js';
import type { Principal } from '../platform/http/index.js';
import type { Population, SimCompany, SimPerson, Staff, applicantAccounts } from './actors.js';
import type { Engine } from './engine.js';
import { HOT, OVERSEAS_PREFIXES, type Arrival, type Subject } from './mix.js';
import type { Rng } from './random.js';

/**
 * Subjects that need a history the synthetic county does not have (a registered ship, a land
 * plot, a project already approved …) stay out of the daily mix.
 */
const LEFT_OUT = new Set(['ship-clearance', 'investment-project', 'overseas-property-sale']);

/** Matters of projects, ports and ships: a county sees few of them. */
const RARE = ['nra-', 'housing-', 'eeb-', 'drc-', 'msa-ship', 'port-', 'customs-', 'border-'];

/** The catalog's matters and bundles as the county applies for them, with their weights. */
export function countySubjects(app: App): Subject[] {
  const { catalog } = app.services;
  const out: Subject[] = [];
  const add = (kind: 'matter' | 'bundle', code: string, types: readonly string[]) => {
    if (LEFT_OUT.has(code)) return;
    const applicant = types.includes('department')
      ? 'department'
      : types.includes('person')
        ? 'person'
        : types.includes('company')
          ? 'company'
          : null;
    if (!applicant) return;
    out.push({
      kind,
      code,
      applicant,
      weight:
        HOT[code] ??
        (applicant === 'department' ? 0.6 : RARE.some((p) => code.startsWith(p)) ? 0.3 : 1),
      overseas: OVERSEAS_PREFIXES.some((p) => code.startsWith(p)),
    });
  };
  for (const m of catalog.searchMatters({}))
    add('matter', m.code, catalog.getMatter(m.code).applicantTypes);
  for (const b of catalog.listBundles())
    add('bundle', b.code, catalog.getBundle(b.code).applicantTypes);
  return out.sort((a, b) => `${a.kind}:${a.code}`.localeCompare(`${b.kind}:${b.code}`));
}

let companyNo = 0;
const NEW_COMPANY = ['云帆', '禾丰', '南湖星', '嘉禾', '启明', '青藤', '湖光', '远航'];

/**
 * The form an applicant fills in: the guide's example, with the applicant's own identity
 * number, name, company and credit code where the form asks for them; 出生一件事 with a birth
 * of the synthetic year.
 */
export function formFor(
  guide: MatterGuide | BundleGuide,
  who: { person?: SimPerson; company?: SimCompany },
  rng: Rng,
  births: Population['births'],
): Record<string, unknown> {
  const form: Record<string, unknown> = { ...(guide.form.examples[0] ?? {}) };
  const props = guide.form.properties;
  const person = who.person ?? who.company?.representative;
  const set = (name: string, value: unknown) => {
    if (name in props && value !== undefined) form[name] = value;
  };
  if (person) {
    for (const f of ['applicantIdNumber', 'legalRepresentativeIdNumber', 'insuredIdNumber'])
      set(f, person.idNumber);
    for (const f of ['applicantName', 'legalRepresentativeName']) set(f, person.name);
    if ('shareholderIdNumbers' in props) form.shareholderIdNumbers = [person.idNumber];
  }
  if (who.company) {
    set('creditCode', who.company.creditCode);
    set('companyName', who.company.name);
  } else if ('companyName' in props && guide.code === 'enterprise-startup') {
    form.companyName = `嘉兴${rng.pick(NEW_COMPANY)}${++companyNo}号科技有限公司`;
  }
  if (guide.code === 'newborn' && births.length > 0) {
    const b = rng.pick(births);
    form.childName = b.childName;
    form.motherIdNumber = b.motherIdNumber;
    if (b.fatherIdNumber) form.fatherIdNumber = b.fatherIdNumber;
    form.registerWith = b.fatherIdNumber ? 'father' : 'mother';
  }
  return form;
}

/** Hands one arrival of the day's mix to the engine, as the applicant or clerk it describes. */
export function arrive(
  deps: {
    app: App;
    engine: Engine;
    staff: Staff;
    population: Population;
    accounts: ReturnType<typeof applicantAccounts>;
    rng: Rng;
    /** Start-up bundles, for the figures. */
    startups: string[];
  },
  a: Arrival,
) {
  const { app, engine, staff, population, accounts, rng } = deps;
  const guide =
    a.subject.kind === 'bundle'
      ? app.services.catalog.getBundle(a.subject.code)
      : app.services.catalog.getMatter(a.subject.code);
  return async () => {
    let p: Principal;
    let applicant: { idNumber?: string; name?: string; creditCode?: string } | undefined;
    let extra = {};
    let alternates: Principal[] | undefined;
    const who: { person?: SimPerson; company?: SimCompany } = {};
    if (a.subject.applicant === 'department') {
      const departments = [...staff.reviewers.keys()].filter(
        (d) => d !== (guide as MatterGuide).department?.code && d !== 'zwfw' && d !== 'supervision',
      );
      p = staff.reviewers.get(departments[Math.floor(a.who * departments.length)]!)!;
    } else if (a.subject.applicant === 'company') {
      if (population.companies.length === 0) return;
      const index = Math.floor(a.who * population.companies.length);
      who.company = population.companies[index]!;
      if (a.channel === 'online') p = await accounts.company(who.company, index);
      else {
        p = rng.pick(staff.clerks);
        alternates = staff.clerks.filter((c) => c !== p);
        await accounts.registerCompany(who.company);
        applicant = { creditCode: who.company.creditCode };
      }
    } else {
      const index = Math.floor(a.who * population.adults.length);
      who.person = population.adults[index]!;
      if (a.channel === 'online') p = await accounts.person(who.person, index);
      else {
        const desk = a.channel === 'overseas' ? staff.overseasClerks : staff.clerks;
        p = rng.pick(desk);
        alternates = desk.filter((c) => c !== p);
        applicant = { idNumber: who.person.idNumber, name: who.person.name };
        if (a.channel === 'overseas')
          extra = {
            remoteVerification: {
              method: 'video',
              reference: `SIM-VIDEO-${rng.int(100000, 999999)}`,
            },
            eSignature: {
              signer: who.person.name,
              signatureId: `SIM-SIGN-${rng.int(100000, 999999)}`,
            },
          };
      }
    }
    const t = await engine.submit({
      p,
      subject: a.subject,
      channel: a.channel,
      form: formFor(guide, who, rng, population.births),
      applicant,
      plan: { deficient: a.deficient, commitment: a.commitment, agent: a.agent },
      extra,
      alternates,
    });
    if (t && a.subject.code === 'enterprise-startup') deps.startups.push(t.id);
  };
}
