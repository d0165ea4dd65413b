import { createHash } from 'node:crypto';
import type { BundleGuide, MatterGuide } from '../../../shared/contracts/index.js';
import type { CaseDefinition } from './case-definition.js';

/**
 * Freezes a catalog guide into the definition an application keeps for life: its steps with
 * their departments, dependencies, limits, outputs and inputs, its materials with how each
 * is satisfied, and the merged form. The version is a hash of the guide.
 */
export function definitionFromGuide(
  kind: 'matter' | 'bundle',
  guide: MatterGuide | BundleGuide,
): CaseDefinition {
  const version = createHash('sha256').update(JSON.stringify(guide)).digest('hex').slice(0, 16);
  return {
    kind,
    code: guide.code,
    name: guide.name,
    version,
    applicantTypes: guide.applicantTypes,
    promisedLimit: guide.promisedLimit,
    steps: guide.steps.map((s) => ({
      id: s.id,
      matter: s.matter,
      name: s.name,
      department: s.department,
      after: s.after,
      promisedLimit: s.promisedLimit,
      outputs: guide.outputs
        .filter((o) => (o.step ?? guide.steps[0]?.id) === s.id)
        .map((o) => ({ type: o.type, name: o.name, claims: o.claims })),
      inputs: s.inputs.map((i) => ({ from: i.fromStep, output: i.claim, as: i.field })),
    })),
    materials: guide.materials.map((m) => ({
      id: m.id,
      name: m.name,
      essential: m.essential,
      allowMissing: m.allowMissing,
      satisfiedBy: m.satisfiedBy,
      ...(m.datahub
        ? {
            datahub: {
              source: m.datahub.source,
              item: m.datahub.item,
              fields: m.datahub.fields,
              fieldsByStep: m.fieldsByStep ?? {},
            },
          }
        : {}),
      mediaTypes: m.upload?.mediaTypes ?? [],
      maxBytes: m.upload?.maxSizeBytes ?? null,
      steps: m.steps,
    })),
    form: guide.form,
  };
}
