// The credential types a verifier can ask for, read from the catalog itself
// (catalog/credential-types.yaml, bundled as text) so the page, the server and the paper
// form name the same types, issuers and claims.
import { parse } from 'yaml';
import catalogText from '../../../../catalog/credential-types.yaml?raw';

/** A type's name in both languages. */
export interface TypeName {
  zh: string;
  en: string;
}

/** One credential type as the verifier page uses it. */
export interface CredentialTypeInfo {
  type: string;
  name: TypeName;
  /** The department that issues it; null when any department may. */
  issuer: string | null;
  /** The claims a verifier may ask for: the catalog's, then the derived ones. */
  claims: string[];
}

/** Claims the issuer derives for a credential about a person (one with an identity number). */
const DERIVED_FROM_ID_NUMBER = ['age_over_18', 'province'];

/**
 * Credentials from the registry carry more than the catalog lists (the issuing code in
 * src/modules/credentials/credentials.registry.ts): what a holder can disclose besides.
 */
const REGISTRY_EXTRA: Record<string, string[]> = {
  ResidentIdCard: ['sex'],
  ResidencePermit: ['name', 'residenceAddress', 'validUntil'],
  HouseholdRegister: ['householdHead', 'relation'],
};

/** Credential types not (yet) in the catalog file but issued from the registry (by 公安, psb). */
const REGISTRY_TYPES: CredentialTypeInfo[] = [
  {
    type: 'DrivingLicence',
    name: { zh: '机动车驾驶证', en: 'Driving licence' },
    issuer: 'psb',
    claims: ['licenceNumber', 'idNumber', 'name', 'vehicleClass', 'validUntil'],
  },
];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads the `credentialTypes:` of a catalog YAML text into type infos, adding the derived
 * claims (age_over_18, province) to every type that carries an identity number. Entries that
 * are not well formed are skipped. Throws when the text is not YAML.
 */
export function parseCredentialTypes(text: string): CredentialTypeInfo[] {
  const doc: unknown = parse(text);
  const list = isRecord(doc) && Array.isArray(doc.credentialTypes) ? doc.credentialTypes : [];
  const out: CredentialTypeInfo[] = [];
  for (const entry of list as unknown[]) {
    if (!isRecord(entry) || typeof entry.type !== 'string' || !isRecord(entry.name)) continue;
    const { zh, en } = entry.name;
    if (typeof zh !== 'string' || typeof en !== 'string') continue;
    const own = Array.isArray(entry.claims)
      ? entry.claims.filter((c): c is string => typeof c === 'string')
      : [];
    const claims = [...own, ...(REGISTRY_EXTRA[entry.type] ?? [])];
    if (claims.includes('idNumber')) claims.push(...DERIVED_FROM_ID_NUMBER);
    out.push({
      type: entry.type,
      name: { zh, en },
      issuer: typeof entry.issuer === 'string' ? entry.issuer : null,
      claims: [...new Set(claims)],
    });
  }
  return out;
}

function load(): Map<string, CredentialTypeInfo> {
  const types = parseCredentialTypes(catalogText);
  for (const extra of REGISTRY_TYPES)
    if (!types.some((t) => t.type === extra.type)) types.push(extra);
  return new Map(types.map((t) => [t.type, t]));
}

/** Every credential type of the catalog, by type. */
export const CREDENTIAL_TYPES: ReadonlyMap<string, CredentialTypeInfo> = load();
