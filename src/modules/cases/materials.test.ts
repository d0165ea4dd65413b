import { describe, expect, it } from 'vitest';
import type { CaseDefinition, DefinitionMaterial } from './case-definition.js';
import type { CaseDatahubOutcome } from './case-ports.js';
import { assessMaterials, datahubRequests } from './materials.js';

const material = (over: Partial<DefinitionMaterial> = {}): DefinitionMaterial => ({
  id: 'household-register',
  name: { zh: '居民户口簿', en: 'Household register' },
  essential: true,
  allowMissing: false,
  satisfiedBy: ['datahub'],
  datahub: { source: 'psb', item: 'household-register', fields: ['householdNo', 'address'] },
  mediaTypes: [],
  maxBytes: null,
  steps: [],
  ...over,
});

const definition = (materials: DefinitionMaterial[]): CaseDefinition => ({
  kind: 'matter',
  code: 'psb-x',
  name: { zh: '事项', en: 'Matter' },
  version: 'v1',
  applicantTypes: ['person'],
  promisedLimit: { workingDays: 1 },
  steps: [
    {
      id: 'psb-x',
      matter: 'psb-x',
      name: { zh: '事项', en: 'Matter' },
      department: 'psb',
      after: [],
      promisedLimit: { workingDays: 1 },
      outputs: [],
      inputs: [],
    },
  ],
  materials,
  form: {},
});

const files = { describe: () => Promise.resolve(new Map()) };
const assess = (def: CaseDefinition, datahub?: Map<string, CaseDatahubOutcome>) =>
  assessMaterials(def, [], { files, submitter: 'acc-1', today: '2026-12-01', datahub });

describe('materials satisfied by the data hub (nothing counts as fetched that was not)', () => {
  it('asks the hub for the declared fields only', () => {
    const [request] = datahubRequests(definition([material()]), []);
    expect(request?.datahub).toEqual({
      source: 'psb',
      item: 'household-register',
      fields: ['householdNo', 'address'],
    });
    expect(request?.departments).toEqual(['psb']);
  });

  it('asks the applicant for a material whose source is not connected, saying so', async () => {
    const out = await assess(
      definition([material()]),
      new Map([['household-register', { ok: false, reason: 'not-connected' }]]),
    );
    expect(out.states[0]?.state).toBe('missing');
    expect(out.notice.map((n) => n.reason)).toEqual(['datahub-not-connected']);
    expect(out.notice[0]?.message.zh).toContain('尚未接入');
    expect(out.notice[0]?.message.en).toContain('not connected');
  });

  it('asks for it too when the hub did not answer for it at all', async () => {
    const out = await assess(definition([material()]));
    expect(out.states[0]?.state).toBe('missing');
    expect(out.notice.map((n) => n.reason)).toEqual(['datahub-not-connected']);
  });

  it('leaves a supplementary material absent, never satisfied', async () => {
    const out = await assess(definition([material({ essential: false })]), new Map());
    expect(out.states[0]?.state).toBe('absent');
    expect(out.notice).toEqual([]);
  });
});
