import { apiPost } from '../../api';

/** `POST /api/v1/persons/lookup` — is this identity number a known resident? */
export interface PersonLookup {
  found: boolean;
  /** To compare with the identity card; null when not found. */
  name: string | null;
  maskedIdNumber: string;
}

/** `POST /api/v1/organizations/lookup` — is this credit code a known organisation? */
export interface OrganizationLookup {
  found: boolean;
  name: string | null;
  creditCode: string;
}

/** Looks a walk-in person up by identity number (clerks); throws ApiError 422 for a bad number. */
export function lookupPerson(idNumber: string): Promise<PersonLookup> {
  return apiPost<PersonLookup>('/api/v1/persons/lookup', { idNumber });
}

/** Looks an organisation up by credit code (clerks); throws ApiError 422 for a bad code. */
export function lookupOrganization(creditCode: string): Promise<OrganizationLookup> {
  return apiPost<OrganizationLookup>('/api/v1/organizations/lookup', { creditCode });
}
