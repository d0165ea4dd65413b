import { z } from 'zod';
import {
  APPLICANT_TYPES,
  CHANNELS,
  FORM_FORMATS,
  LIFE_EVENTS,
  MATTER_KINDS,
  SATISFACTION_WAYS,
} from '../../../shared/contracts/catalog.js';

/*
 * The shapes of `catalog/**\/*.yaml`, one schema per kind of entry. Each entry is checked on its
 * own so that one bad matter does not hide the problems of the others. Unions are avoided on
 * purpose: a flat object with a refinement gives zod issues whose paths point at the exact key
 * the author got wrong, which the loader turns into a line number.
 */

/** Department codes double as staff account suffixes (`reviewer.<code>`), hence short. */
export const DEPARTMENT_CODE = /^[a-z][a-z0-9-]{1,15}$/;
/** Matter and bundle codes appear in URLs. */
export const CODE = /^[a-z][a-z0-9-]{2,63}$/;
/** Material ids, step ids and stage ids. */
export const ID = /^[a-z][a-z0-9-]{0,63}$/;
/** Form field names and output claims are camelCase, as JSON keys. */
export const FIELD_NAME = /^[a-z][a-zA-Z0-9]{0,63}$/;
/** Credential types are PascalCase, as SD-JWT VC types. */
export const CREDENTIAL_TYPE = /^[A-Z][A-Za-z0-9]{1,63}$/;

const pattern = (re: RegExp, what: string) =>
  z.string().regex(re, { error: `${what} must match ${String(re)}` });

const departmentCode = pattern(DEPARTMENT_CODE, 'department code');
const code = pattern(CODE, 'code');
const id = pattern(ID, 'id');
const fieldName = pattern(FIELD_NAME, 'field name');
const credentialType = pattern(CREDENTIAL_TYPE, 'credential type');

const text = z.string().trim().min(1);
/** `{ zh, en }`: every name a person reads exists in both languages. */
export const BilingualYaml = z.strictObject({ zh: text, en: text });

const WorkingDaysYaml = z.strictObject({ workingDays: z.number().int().min(1).max(366) });

const LimitYaml = z
  .strictObject({
    workingDays: z.number().int().min(1).max(366).optional(),
    workingHours: z.number().int().min(1).max(24).optional(),
  })
  .refine((v) => (v.workingDays === undefined) !== (v.workingHours === undefined), {
    error: 'give exactly one of workingDays or workingHours',
  });

/** `《条例》第十九条` is split into the title and the articles. */
const LegalBasisYaml = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const m = /^(《[^》]+》)\s*(.*)$/.exec(v.trim());
    if (!m) return { title: v };
    return m[2] ? { title: m[1], articles: m[2] } : { title: m[1] };
  },
  z.strictObject({
    title: z.string().regex(/^《[^》]+》$/, { error: 'a law title is written 《…》' }),
    articles: text.optional(),
  }),
);

const FeeYaml = z.strictObject({
  name: BilingualYaml,
  amountYuan: z.number().nonnegative(),
  basis: text.optional(),
});

/** A department entry of `departments:`. */
export const DepartmentYaml = z.strictObject({
  code: departmentCode,
  name: BilingualYaml,
  parent: departmentCode.optional(),
  kind: z.enum(['government', 'institution', 'partner']).default('government'),
  contact: z.strictObject({ phone: text, address: text, hours: text.optional() }),
  note: text.optional(),
});
export type DepartmentYaml = z.infer<typeof DepartmentYaml>;

/** A credential type entry of `credentialTypes:`: what matters issue and materials accept. */
export const CredentialTypeYaml = z.strictObject({
  type: credentialType,
  name: BilingualYaml,
  kind: z.enum(['licence', 'certificate', 'proof', 'record', 'decision']),
  /** Omitted for generic types any department issues (a decision letter). */
  issuer: departmentCode.optional(),
  claims: z.array(fieldName).default([]),
});
export type CredentialTypeYaml = z.infer<typeof CredentialTypeYaml>;

const UploadYaml = z.preprocess(
  (v) => (v === true || v === null ? {} : v),
  z.strictObject({
    mediaTypes: z
      .array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, { error: 'not a media type' }))
      .min(1)
      .optional(),
    maxSizeMb: z.number().positive().max(200).optional(),
  }),
);

/** A material entry of `materials:`: defined once, referenced by id from every matter. */
export const MaterialYaml = z.strictObject({
  id,
  name: BilingualYaml,
  description: BilingualYaml.optional(),
  satisfiedBy: z
    .strictObject({
      datahub: z
        .strictObject({
          source: departmentCode,
          item: pattern(ID, 'data item'),
          /** The item's fields a matter needs by default (a matter may name others: `fields:`). */
          fields: z.array(fieldName).min(1).optional(),
        })
        .optional(),
      credential: z.strictObject({ type: credentialType }).optional(),
      commitment: z.strictObject({ text: BilingualYaml }).optional(),
      upload: UploadYaml.optional(),
    })
    .refine((v) => Object.values(v).some((x) => x !== undefined), {
      error: 'a material needs at least one way to be satisfied',
    }),
});
export type MaterialYaml = z.infer<typeof MaterialYaml>;

const scalarTypes = ['string', 'integer', 'number', 'boolean'] as const;

const EnumYaml = z
  .array(
    z.preprocess(
      (v) => (typeof v === 'string' ? { value: v } : v),
      z.strictObject({ value: text, label: BilingualYaml.optional() }),
    ),
  )
  .min(1);

const constraintKeys = {
  format: z.enum(FORM_FORMATS).optional(),
  pattern: z
    .string()
    .refine(
      (p) => {
        try {
          new RegExp(p, 'u');
          return true;
        } catch {
          return false;
        }
      },
      { error: 'not a valid regular expression' },
    )
    .optional(),
  enum: EnumYaml.optional(),
  minLength: z.number().int().nonnegative().optional(),
  maxLength: z.number().int().positive().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
};

type Constraints = {
  type: string;
  format?: unknown;
  pattern?: unknown;
  enum?: unknown;
  minLength?: unknown;
  maxLength?: unknown;
  min?: unknown;
  max?: unknown;
};

/** Constraints only make sense for some types; say so instead of silently ignoring them. */
function checkConstraints(v: Constraints, ctx: z.RefinementCtx, at: PropertyKey[] = []): void {
  const onlyFor = (key: keyof Constraints, types: string[]) => {
    if (v[key] !== undefined && !types.includes(v.type)) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, key],
        message: `${key} applies only to ${types.join(' or ')} fields`,
      });
    }
  };
  onlyFor('format', ['string']);
  onlyFor('pattern', ['string']);
  onlyFor('enum', ['string']);
  onlyFor('minLength', ['string']);
  onlyFor('maxLength', ['string']);
  onlyFor('min', ['integer', 'number']);
  onlyFor('max', ['integer', 'number']);
}

const ItemYaml = z
  .strictObject({ type: z.enum(scalarTypes), ...constraintKeys })
  .superRefine((v, ctx) => checkConstraints(v, ctx));

/**
 * A form field: a full definition, or `{ ref }` (or just the name as a string) to use a common
 * field of `fields:` unchanged except for `required`.
 */
export const FieldYaml = z.preprocess(
  (v) => (typeof v === 'string' ? { ref: v } : v),
  z
    .strictObject({
      ref: fieldName.optional(),
      name: fieldName.optional(),
      type: z.enum([...scalarTypes, 'array']).optional(),
      title: BilingualYaml.optional(),
      description: BilingualYaml.optional(),
      required: z.boolean().optional(),
      ...constraintKeys,
      items: ItemYaml.optional(),
      minItems: z.number().int().nonnegative().optional(),
      maxItems: z.number().int().positive().optional(),
      example: z.unknown().optional(),
    })
    .superRefine((v, ctx) => {
      if (v.ref !== undefined) {
        const extra = Object.keys(v).filter((k) => k !== 'ref' && k !== 'required');
        for (const key of extra) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `a field with ref takes only "required"; define a new field to change ${key}`,
          });
        }
        return;
      }
      for (const key of ['name', 'type', 'title'] as const) {
        if (v[key] === undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: `a field needs ${key} (or ref)` });
        }
      }
      if (v.type === undefined) return;
      checkConstraints({ ...v, type: v.type }, ctx);
      if (v.type === 'array' && v.items === undefined) {
        ctx.addIssue({ code: 'custom', path: ['items'], message: 'an array field needs items' });
      }
      if (v.type !== 'array') {
        for (const key of ['items', 'minItems', 'maxItems'] as const) {
          if (v[key] !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: `${key} applies only to array fields`,
            });
          }
        }
      }
    }),
);
export type FieldYaml = z.infer<typeof FieldYaml>;

/** A material reference in a matter: the library id, plus how this matter treats it. */
export const MaterialRefYaml = z.preprocess(
  (v) => (typeof v === 'string' ? { id: v } : v),
  z.strictObject({
    id,
    essential: z.boolean().default(true),
    allowMissing: z.boolean().default(false),
    satisfiedBy: z.array(z.enum(SATISFACTION_WAYS)).min(1).optional(),
    /** The data item's fields this matter needs (default: the material's `datahub.fields`). */
    fields: z.array(fieldName).min(1).optional(),
    condition: BilingualYaml.optional(),
  }),
);
export type MaterialRefYaml = z.infer<typeof MaterialRefYaml>;

/** A matter entry of `matters:`. */
export const MatterYaml = z.strictObject({
  code,
  name: BilingualYaml,
  /** Defaults to the file's `department:`. */
  department: departmentCode.optional(),
  kind: z.enum(MATTER_KINDS),
  description: BilingualYaml.optional(),
  conditions: z.array(BilingualYaml).default([]),
  legalBasis: z.array(LegalBasisYaml).min(1),
  legalLimit: WorkingDaysYaml.optional(),
  promisedLimit: LimitYaml,
  fees: z.array(FeeYaml).default([]),
  applicantTypes: z.array(z.enum(APPLICANT_TYPES)).min(1),
  lifeEvents: z.array(z.enum(LIFE_EVENTS)).default([]),
  keywords: z.array(text).default([]),
  channels: z.array(z.enum(CHANNELS)).min(1),
  trips: z.union([z.literal(0), z.literal(1)], { error: 'trips is 0 or 1 (最多跑一次)' }),
  paperless: z.boolean().default(false),
  form: z.array(FieldYaml).default([]),
  materials: z.array(MaterialRefYaml).default([]),
  outputs: z.array(credentialType).default([]),
});
export type MatterYaml = z.infer<typeof MatterYaml>;

/** `licence.creditCode`: the claim `creditCode` of step `licence`'s outputs. */
export const INPUT_SOURCE = /^([a-z][a-z0-9-]*)\.([a-z][a-zA-Z0-9]*)$/;

const StepYaml = z.strictObject({
  id,
  matter: code,
  after: z.array(id).default([]),
  stage: id.optional(),
  inputs: z
    .record(fieldName, pattern(INPUT_SOURCE, 'an input source (`<step>.<claim>`)'))
    .default({}),
});
export type StepYaml = z.infer<typeof StepYaml>;

/** A bundle entry of `bundles:`. */
export const BundleYaml = z.strictObject({
  code,
  name: BilingualYaml,
  description: BilingualYaml.optional(),
  applicantTypes: z.array(z.enum(APPLICANT_TYPES)).min(1),
  lifeEvents: z.array(z.enum(LIFE_EVENTS)).default([]),
  keywords: z.array(text).default([]),
  /** Defaults to the channels every step offers. */
  channels: z.array(z.enum(CHANNELS)).min(1).optional(),
  /** Defaults to the most trips any step needs. */
  trips: z.union([z.literal(0), z.literal(1)], { error: 'trips is 0 or 1' }).optional(),
  paperless: z.boolean().default(false),
  legalBasis: z.array(LegalBasisYaml).default([]),
  promisedLimit: LimitYaml,
  stages: z.array(z.strictObject({ id, name: BilingualYaml })).default([]),
  steps: z.array(StepYaml).min(1),
});
export type BundleYaml = z.infer<typeof BundleYaml>;

/**
 * The top level of any catalog file. A file may hold any mix of sections, so a department can
 * keep its matters, materials and credential types together; `department:` is the default
 * department of the file's matters.
 */
export const FileYaml = z.strictObject({
  department: departmentCode.optional(),
  departments: z.array(z.unknown()).optional(),
  credentialTypes: z.array(z.unknown()).optional(),
  materials: z.array(z.unknown()).optional(),
  fields: z.array(z.unknown()).optional(),
  matters: z.array(z.unknown()).optional(),
  bundles: z.array(z.unknown()).optional(),
});
export type FileYaml = z.infer<typeof FileYaml>;

/** The sections of a file and the schema of each entry. */
export const SECTIONS = {
  departments: DepartmentYaml,
  credentialTypes: CredentialTypeYaml,
  materials: MaterialYaml,
  fields: FieldYaml,
  matters: MatterYaml,
  bundles: BundleYaml,
} as const;
export type SectionName = keyof typeof SECTIONS;
