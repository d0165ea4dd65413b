/** A promised or legal time limit: working days, or working hours for same-day promises. */
export type TimeLimit = { workingDays: number } | { workingHours: number };

/** How a material can be satisfied (API.md "Submitting"). */
export type SatisfiedBy = 'upload' | 'datahub' | 'credential' | 'commitment';

/** One material as the case engine needs it, frozen into the application at submission. */
export interface DefinitionMaterial {
  id: string;
  name: { zh: string; en: string };
  /** 要件: without it the application cannot be accepted. */
  essential: boolean;
  /** 容缺: may be missing against a commitment with its own due date. */
  allowMissing: boolean;
  satisfiedBy: SatisfiedBy[];
  /**
   * The shared data item that satisfies it, when `datahub` is accepted: `fields` is what the
   * matters declare (fetched at submission), `fieldsByStep` what each step's department may
   * query. Both are absent in definitions frozen before fields were declared.
   */
  datahub?: {
    source: string;
    item: string;
    fields?: string[];
    fieldsByStep?: Record<string, string[]>;
  };
  /** Accepted media types for uploads (empty: any type the platform accepts). */
  mediaTypes: string[];
  maxBytes: number | null;
  /** The steps that need it. */
  steps: string[];
}

/** One step: one department's matter, opened when the steps it comes `after` are approved. */
export interface DefinitionStep {
  id: string;
  matter: string;
  name: { zh: string; en: string };
  department: string;
  after: string[];
  promisedLimit: TimeLimit;
  /** What this step issues (licences, proofs) and the data (claims) each carries for later steps. */
  outputs: { type: string; name: { zh: string; en: string }; claims: string[] }[];
  /** Data this step receives from earlier steps' outputs: `{ from: stepId, output, as }`. */
  inputs: { from: string; output: string; as: string }[];
}

/**
 * The matter or bundle as it was when the application came in. Frozen (stored as JSON in
 * the application) so that later catalog edits never re-route open cases.
 */
export interface CaseDefinition {
  kind: 'matter' | 'bundle';
  code: string;
  name: { zh: string; en: string };
  version: string;
  applicantTypes: ('person' | 'company' | 'department')[];
  promisedLimit: TimeLimit;
  steps: DefinitionStep[];
  materials: DefinitionMaterial[];
  /** The merged form as JSON Schema 2020-12. */
  form: Record<string, unknown>;
}

/** The steps with no unmet prerequisite among `approved`, not yet opened. */
export function readySteps(
  def: CaseDefinition,
  approved: Set<string>,
  started: Set<string>,
): DefinitionStep[] {
  return def.steps.filter((s) => !started.has(s.id) && s.after.every((a) => approved.has(a)));
}

/** Every step that depends on `stepId`, directly or through others. */
export function dependentsOf(def: CaseDefinition, stepId: string): Set<string> {
  const out = new Set<string>();
  const visit = (id: string) => {
    for (const s of def.steps) {
      if (s.after.includes(id) && !out.has(s.id)) {
        out.add(s.id);
        visit(s.id);
      }
    }
  };
  visit(stepId);
  return out;
}
