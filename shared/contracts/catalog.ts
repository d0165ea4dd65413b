import { z } from 'zod';

/*
 * The public shapes of the catalog (API.md "Submitting, as integrators see it"): departments,
 * matters (事项) and bundles (一件事) with their guides (办事指南). The same shapes are served by
 * `GET /api/v1/catalog/...` and read by the web app.
 */

/** A text in both of the platform's languages. */
export const BilingualTextSchema = z
  .object({
    zh: z.string().describe('Chinese text (shown first)'),
    en: z.string().describe('English text'),
  })
  .describe('A text in Chinese and English');
export type BilingualText = z.infer<typeof BilingualTextSchema>;

/** Life events used to browse the catalog (浙江 全生命周期"一件事"). */
export const LIFE_EVENTS = [
  'birth',
  'school',
  'employment',
  'marriage',
  'property',
  'retirement',
  'death',
  'company',
  'investment',
] as const;
/** A life event tag. */
export const LifeEventSchema = z
  .enum(LIFE_EVENTS)
  .describe(
    'Life event: birth 出生, school 上学, employment 就业, marriage 婚育, property 置业, ' +
      'retirement 退休, death 身后事, company 开公司, investment 项目投资',
  );
export type LifeEvent = z.infer<typeof LifeEventSchema>;

/** The Chinese and English name of each life event, for browsing menus. */
export const LIFE_EVENT_NAMES: Record<LifeEvent, BilingualText> = {
  birth: { zh: '出生', en: 'Birth' },
  school: { zh: '上学', en: 'School' },
  employment: { zh: '就业', en: 'Employment' },
  marriage: { zh: '婚育', en: 'Marriage and family' },
  property: { zh: '置业', en: 'Property' },
  retirement: { zh: '退休', en: 'Retirement' },
  death: { zh: '身后事', en: 'After a death' },
  company: { zh: '开公司', en: 'Starting a company' },
  investment: { zh: '项目投资', en: 'Investment projects' },
};

/** Who may apply for a matter. */
export const APPLICANT_TYPES = ['person', 'company', 'department'] as const;
/** An applicant type. */
export const ApplicantTypeSchema = z
  .enum(APPLICANT_TYPES)
  .describe(
    'Applicant type: person 自然人, company 法人及其他组织, department 部门 (an inter-department matter 部门间办事)',
  );
export type ApplicantType = z.infer<typeof ApplicantTypeSchema>;

/** The legal nature of a matter (事项类型). */
export const MATTER_KINDS = [
  'licence',
  'confirmation',
  'payment',
  'ruling',
  'levy',
  'other-power',
  'public-service',
  'internal',
] as const;
/** A matter kind. */
export const MatterKindSchema = z
  .enum(MATTER_KINDS)
  .describe(
    'Kind: licence 行政许可, confirmation 行政确认, payment 行政给付, ruling 行政裁决, levy 行政征收, ' +
      'other-power 其他行政权力, public-service 公共服务, internal 部门内部/部门间事项',
  );
export type MatterKind = z.infer<typeof MatterKindSchema>;

/** The Chinese and English name of each matter kind. */
export const MATTER_KIND_NAMES: Record<MatterKind, BilingualText> = {
  licence: { zh: '行政许可', en: 'Administrative licence' },
  confirmation: { zh: '行政确认', en: 'Administrative confirmation' },
  payment: { zh: '行政给付', en: 'Administrative payment' },
  ruling: { zh: '行政裁决', en: 'Administrative ruling' },
  levy: { zh: '行政征收', en: 'Administrative levy' },
  'other-power': { zh: '其他行政权力', en: 'Other administrative power' },
  'public-service': { zh: '公共服务', en: 'Public service' },
  internal: { zh: '部门间办事', en: 'Inter-department matter' },
};

/** Where an application can be made. */
export const CHANNELS = ['online', 'mobile', 'window', 'overseas', 'department'] as const;
/** A channel. */
export const ChannelSchema = z
  .enum(CHANNELS)
  .describe(
    'Channel: online 网上办, mobile 掌上办, window 窗口办, overseas 海外服务点, department 部门系统对接',
  );
export type Channel = z.infer<typeof ChannelSchema>;

/** The ways a material can be satisfied, in the order the platform prefers them. */
export const SATISFACTION_WAYS = ['datahub', 'credential', 'commitment', 'upload'] as const;
/** A way of satisfying a material. */
export const SatisfactionWaySchema = z
  .enum(SATISFACTION_WAYS)
  .describe(
    'How a material is satisfied: datahub 数据共享 (fetched, nothing to give), credential 电子证照 ' +
      '(presented from the wallet), commitment 告知承诺 (a signed statement), upload 上传',
  );
export type SatisfactionWay = z.infer<typeof SatisfactionWaySchema>;

/** A time limit in working days (official calendar, 调休 included). */
export const WorkingDaysLimitSchema = z
  .object({
    workingDays: z.number().int().positive().describe('Working days after acceptance (受理)'),
  })
  .describe('A limit in working days');

/** A promised limit: working days, or working hours for same-day promises. */
export const PromisedLimitSchema = z
  .union([
    WorkingDaysLimitSchema,
    z
      .object({
        workingHours: z
          .number()
          .int()
          .positive()
          .describe('Working hours after acceptance, for same-day promises (当日办结)'),
      })
      .describe('A limit in working hours'),
  ])
  .describe('The promised limit 承诺时限: `{ workingDays }` or `{ workingHours }`');
export type PromisedLimit = z.infer<typeof PromisedLimitSchema>;

/** The legal limit 法定时限, or null where no law sets one in working days. */
export const LegalLimitSchema = WorkingDaysLimitSchema.nullable().describe(
  'The legal limit 法定时限 in working days; null where no law sets one in working days',
);
export type LegalLimit = z.infer<typeof LegalLimitSchema>;

/** One law or regulation a matter rests on. */
export const LegalBasisSchema = z
  .object({
    title: z
      .string()
      .describe('Title of the law, with book-title marks: 《中华人民共和国行政许可法》'),
    articles: z.string().optional().describe('Articles relied on, e.g. 第十九条'),
  })
  .describe('A legal basis 设定依据');
export type LegalBasis = z.infer<typeof LegalBasisSchema>;

/** One fee; a matter without fees is free of charge (不收费). */
export const FeeSchema = z
  .object({
    name: BilingualTextSchema.describe('What is charged'),
    amountYuan: z.number().nonnegative().describe('Amount in yuan (CNY)'),
    basis: z.string().optional().describe('Legal basis of the fee'),
    step: z.string().optional().describe('In a bundle guide: the step that charges it'),
  })
  .describe('A fee 收费项目');
export type Fee = z.infer<typeof FeeSchema>;

/** A licence, certificate or proof type a matter issues. */
export const OutputSchema = z
  .object({
    type: z.string().describe('Credential type, e.g. `BusinessLicence`'),
    name: BilingualTextSchema.describe('Name of the licence or proof'),
    kind: z
      .enum(['licence', 'certificate', 'proof', 'record', 'decision'])
      .describe(
        'licence 证照, certificate 证书, proof 证明, record 备案/登记回执, decision 决定书',
      ),
    claims: z
      .array(z.string())
      .describe('Data it carries that later steps may use, e.g. `creditCode`'),
    step: z.string().optional().describe('In a bundle guide: the step that issues it'),
  })
  .describe('An output 办理结果');
export type Output = z.infer<typeof OutputSchema>;

/** A department (部门) as the catalog lists it. */
export const DepartmentSchema = z
  .object({
    code: z
      .string()
      .describe('Short lowercase code, e.g. `amr`; staff accounts are `reviewer.<code>`'),
    name: BilingualTextSchema.describe('Name of the department'),
    parent: z.string().nullable().describe('Code of the parent department, or null'),
    kind: z
      .enum(['government', 'institution', 'partner'])
      .describe('government 行政机关, institution 事业单位, partner 合作机构 (e.g. banks)'),
    contact: z
      .object({
        phone: z.string().describe('Public telephone'),
        address: z.string().describe('Where its window is'),
        hours: z.string().optional().describe('Opening hours of the window'),
      })
      .describe('Public contact'),
    note: z.string().optional().describe('What the public should know about it'),
  })
  .describe('A department');
export type Department = z.infer<typeof DepartmentSchema>;

/** A department as a guide names it. */
export const DepartmentRefSchema = z
  .object({
    code: z.string().describe('Department code'),
    name: BilingualTextSchema.describe('Department name'),
  })
  .describe('A department reference');
export type DepartmentRef = z.infer<typeof DepartmentRefSchema>;

/** One data item a later step receives from an earlier step's output. */
export const StepInputSchema = z
  .object({
    field: z.string().describe('The form field of this step that is filled (and not asked)'),
    fromStep: z.string().describe('The earlier step whose output supplies it'),
    claim: z.string().describe('The claim of that output, e.g. `creditCode`'),
  })
  .describe('Data passed from an earlier step');
export type StepInput = z.infer<typeof StepInputSchema>;

/** One step of a guide: a matter of one department. */
export const StepSchema = z
  .object({
    id: z.string().describe('Step id, unique in the guide'),
    matter: z.string().describe('Matter code'),
    name: BilingualTextSchema.describe('Name of the matter'),
    department: z.string().describe('Department code that decides this step'),
    after: z.array(z.string()).describe('Steps that must be complete before this one opens'),
    stage: z.string().nullable().describe('Stage id in a staged bundle, or null'),
    inputs: z.array(StepInputSchema).describe('Data passed in from earlier steps'),
    promisedLimit: PromisedLimitSchema.describe('The promised limit of the matter alone'),
  })
  .describe('A step');
export type Step = z.infer<typeof StepSchema>;

/** A stage of a staged bundle: its steps run in parallel once the previous stage is done. */
export const StageSchema = z
  .object({
    id: z.string().describe('Stage id'),
    name: BilingualTextSchema.describe('Stage name, e.g. 立项用地规划许可'),
    steps: z.array(z.string()).describe('Steps in this stage'),
  })
  .describe('A stage');
export type Stage = z.infer<typeof StageSchema>;

/** The JSON Schema formats forms use beyond the standard ones. */
export const FORM_FORMATS = [
  'id-number',
  'credit-code',
  'phone',
  'date',
  'date-time',
  'email',
] as const;
/** A form field format. */
export const FormFormatSchema = z
  .enum(FORM_FORMATS)
  .describe(
    'Format: id-number 公民身份号码 (GB 11643), credit-code 统一社会信用代码 (GB 32100), phone, ' +
      'date (YYYY-MM-DD), date-time (RFC 3339), email',
  );
export type FormFormat = z.infer<typeof FormFormatSchema>;

const enumLabels = z
  .array(
    z.object({
      value: z.string().describe('Allowed value'),
      zh: z.string().describe('Chinese label'),
      en: z.string().describe('English label'),
    }),
  )
  .optional()
  .describe('Labels of the enum values');

/** The item schema of an array field. */
export const FormItemSchema = z
  .object({
    type: z.enum(['string', 'integer', 'number', 'boolean']).describe('JSON type of each item'),
    format: FormFormatSchema.optional(),
    pattern: z.string().optional().describe('Regular expression (unicode) each item must match'),
    enum: z.array(z.string()).optional().describe('Allowed values'),
    'x-enum-labels': enumLabels,
    minLength: z.number().int().optional().describe('Minimum length in characters'),
    maxLength: z.number().int().optional().describe('Maximum length in characters'),
    minimum: z.number().optional().describe('Smallest allowed number'),
    maximum: z.number().optional().describe('Largest allowed number'),
  })
  .describe('Schema of each item');
export type FormItem = z.infer<typeof FormItemSchema>;

/** One property of a form's JSON Schema. */
export const FormPropertySchema = FormItemSchema.extend({
  type: z
    .enum(['string', 'integer', 'number', 'boolean', 'array'])
    .describe('JSON type of the field'),
  title: z.string().describe('Label in Chinese'),
  'x-title-en': z.string().describe('Label in English'),
  description: z.string().optional().describe('Help text (Chinese, then English)'),
  items: FormItemSchema.optional(),
  minItems: z.number().int().optional().describe('Fewest items'),
  maxItems: z.number().int().optional().describe('Most items'),
  'x-steps': z.array(z.string()).describe('Steps that ask this field (asked once for all)'),
}).describe('A form field');
export type FormProperty = z.infer<typeof FormPropertySchema>;

/** The JSON Schema 2020-12 dialect id every form declares. */
export const FORM_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** A guide's form: a JSON Schema (2020-12) object whose `examples[0]` is a valid form. */
export const FormSchemaSchema = z
  .object({
    $schema: z.literal(FORM_SCHEMA_DIALECT).describe('JSON Schema dialect'),
    type: z.literal('object').describe('Forms are objects'),
    properties: z.record(z.string(), FormPropertySchema).describe('Fields by name'),
    required: z.array(z.string()).describe('Names of required fields'),
    additionalProperties: z.literal(false).describe('Fields not listed are refused'),
    examples: z
      .array(z.record(z.string(), z.unknown()))
      .describe('Example forms; the first one is valid'),
  })
  .describe('The merged form as a JSON Schema (2020-12)');
export type FormSchema = z.infer<typeof FormSchemaSchema>;

/** A material of a guide and how the applicant can satisfy it. */
export const GuideMaterialSchema = z
  .object({
    id: z.string().describe('Material id; the same id means the same material across matters'),
    name: BilingualTextSchema.describe('Name of the material'),
    description: BilingualTextSchema.optional().describe('What exactly is wanted'),
    condition: BilingualTextSchema.optional().describe('When it is needed (e.g. only for agents)'),
    essential: z
      .boolean()
      .describe('要件: without it the application cannot be accepted (one-time notice 一次性告知)'),
    allowMissing: z
      .boolean()
      .describe(
        '容缺: needed, but may be missing at acceptance against a commitment to supply it by a due ' +
          'date. A material that is neither essential nor allowMissing is supplementary (如有): it ' +
          'never blocks acceptance',
      ),
    satisfiedBy: z.array(SatisfactionWaySchema).min(1).describe('Accepted ways, preferred first'),
    datahub: z
      .object({
        source: z.string().describe('Department whose data warehouse holds it'),
        item: z.string().describe('Data item, e.g. `household-register`'),
        fields: z
          .array(z.string())
          .describe('The fields fetched: those the matters declare (never the whole item)'),
      })
      .optional()
      .describe('The shared data item that satisfies it, when `datahub` is accepted'),
    fieldsByStep: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe(
        'The fields each step declares, by step id: what a department of that step may query',
      ),
    notConnected: z
      .object({
        source: z.string().describe('Department whose data would satisfy it'),
        item: z.string().describe('Data item'),
      })
      .optional()
      .describe(
        'The data item that would satisfy it, in a source the data hub does not connect yet: ' +
          'it is asked from the applicant (upload, or the original at the window)',
      ),
    credential: z
      .object({
        type: z.string().describe('Credential type'),
        name: BilingualTextSchema.describe('Name of the credential'),
      })
      .optional()
      .describe('The e-credential type that satisfies it, when `credential` is accepted'),
    upload: z
      .object({
        mediaTypes: z.array(z.string()).describe('Accepted media types'),
        maxSizeBytes: z.number().int().describe('Largest accepted file'),
      })
      .optional()
      .describe('What may be uploaded, when `upload` is accepted'),
    commitment: z
      .object({ text: BilingualTextSchema.describe('The statement the applicant signs') })
      .optional()
      .describe('The commitment 承诺书 that replaces it, when `commitment` is accepted'),
    steps: z.array(z.string()).describe('Steps that need it (listed once for all of them)'),
  })
  .describe('A material 申请材料');
export type GuideMaterial = z.infer<typeof GuideMaterialSchema>;

/** A material one step needs that an earlier step of the same bundle produces. */
export const ProvidedMaterialSchema = z
  .object({
    id: z.string().describe('Material id'),
    name: BilingualTextSchema.describe('Name of the material'),
    fromStep: z.string().describe('The earlier step whose output satisfies it'),
    credentialType: z.string().describe('The output type that satisfies it'),
    steps: z.array(z.string()).describe('Steps that need it'),
  })
  .describe('A material the bundle produces itself: the applicant gives nothing');
export type ProvidedMaterial = z.infer<typeof ProvidedMaterialSchema>;

const guideCore = {
  code: z.string().describe('Matter or bundle code'),
  name: BilingualTextSchema.describe('Name'),
  description: BilingualTextSchema.optional().describe('What it is for'),
  applicantTypes: z.array(ApplicantTypeSchema).describe('Who may apply'),
  lifeEvents: z.array(LifeEventSchema).describe('Life events it belongs to'),
  keywords: z.array(z.string()).describe('Search words, including pinyin initials such as `kgs`'),
  channels: z.array(ChannelSchema).describe('Where it can be applied for'),
  trips: z
    .union([z.literal(0), z.literal(1)])
    .describe('Trips to an office the applicant needs at most (最多跑一次: 0 or 1)'),
  legalBasis: z.array(LegalBasisSchema).describe('Laws and regulations it rests on'),
  legalLimit: LegalLimitSchema,
  promisedLimit: PromisedLimitSchema,
  fees: z.array(FeeSchema).describe('Fees; empty means free of charge'),
  outputs: z.array(OutputSchema).describe('Licences and proofs issued'),
  steps: z.array(StepSchema).describe('Steps in a valid order (a matter has one)'),
  form: FormSchemaSchema,
  materials: z
    .array(GuideMaterialSchema)
    .describe('What the applicant must supply, each listed once, with how it can be satisfied'),
  provided: z
    .array(ProvidedMaterialSchema)
    .describe('Materials produced inside the bundle: no longer asked for'),
  paperless: z.boolean().describe('No material may be uploaded: everything comes as data'),
};

/** The guide (办事指南) of one matter. */
export const MatterGuideSchema = z
  .object({
    ...guideCore,
    kind: MatterKindSchema,
    kindName: BilingualTextSchema.describe('Name of the kind'),
    department: DepartmentRefSchema.describe('The department responsible'),
    conditions: z.array(BilingualTextSchema).describe('Conditions of acceptance 受理条件'),
    bundles: z.array(z.string()).describe('Bundles this matter is a step of'),
  })
  .describe('The guide of a matter');
export type MatterGuide = z.infer<typeof MatterGuideSchema>;

/** The guide of one bundle (一件事): steps, merged form, merged materials, one promised limit. */
export const BundleGuideSchema = z
  .object({
    ...guideCore,
    departments: z.array(DepartmentRefSchema).describe('Departments taking part'),
    stages: z.array(StageSchema).describe('Stages in order (empty unless staged)'),
  })
  .describe('The guide of a bundle');
export type BundleGuide = z.infer<typeof BundleGuideSchema>;

/** A matter in a search list. */
export const MatterSummarySchema = z
  .object({
    code: z.string().describe('Matter code'),
    name: BilingualTextSchema.describe('Name'),
    kind: MatterKindSchema,
    department: DepartmentRefSchema.describe('The department responsible'),
    applicantTypes: z.array(ApplicantTypeSchema).describe('Who may apply'),
    lifeEvents: z.array(LifeEventSchema).describe('Life events, its bundles’ included'),
    channels: z.array(ChannelSchema).describe('Where it can be applied for'),
    trips: z.union([z.literal(0), z.literal(1)]).describe('Trips needed at most'),
    promisedLimit: PromisedLimitSchema,
    bundles: z.array(z.string()).describe('Bundles this matter is a step of'),
  })
  .describe('A matter summary');
export type MatterSummary = z.infer<typeof MatterSummarySchema>;

/** A bundle in a list. */
export const BundleSummarySchema = z
  .object({
    code: z.string().describe('Bundle code'),
    name: BilingualTextSchema.describe('Name'),
    description: BilingualTextSchema.optional().describe('What it is for'),
    applicantTypes: z.array(ApplicantTypeSchema).describe('Who may apply'),
    lifeEvents: z.array(LifeEventSchema).describe('Life events'),
    departments: z.array(z.string()).describe('Codes of the departments taking part'),
    steps: z.number().int().describe('Number of steps'),
    materials: z.number().int().describe('Number of materials the applicant supplies'),
    trips: z.union([z.literal(0), z.literal(1)]).describe('Trips needed at most'),
    promisedLimit: PromisedLimitSchema,
  })
  .describe('A bundle summary');
export type BundleSummary = z.infer<typeof BundleSummarySchema>;

/** Query of `GET /api/v1/catalog/matters`. */
export const MatterSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(
      'Words to find in names and keywords (Chinese, English or pinyin initials such as `kgs`)',
    ),
  department: z
    .string()
    .max(16)
    .optional()
    .describe('Only matters of this department or its sub-departments'),
  lifeEvent: LifeEventSchema.optional(),
  applicantType: ApplicantTypeSchema.optional(),
});
export type MatterSearchQuery = z.infer<typeof MatterSearchQuerySchema>;

/** Query of `GET /api/v1/catalog/bundles`. */
export const BundleListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().describe('Words to find in names and keywords'),
  lifeEvent: LifeEventSchema.optional(),
});
export type BundleListQuery = z.infer<typeof BundleListQuerySchema>;

/** `GET /api/v1/catalog/departments` */
export const DepartmentListSchema = z.object({
  items: z.array(DepartmentSchema).describe('Every department'),
});
/** `GET /api/v1/catalog/matters` */
export const MatterListSchema = z.object({
  items: z.array(MatterSummarySchema).describe('Matching matters, best match first'),
});
/** `GET /api/v1/catalog/bundles` */
export const BundleListSchema = z.object({
  items: z.array(BundleSummarySchema).describe('Matching bundles'),
});

/** Error codes of the catalog API that clients react to. */
export const CATALOG_ERROR_CODES = {
  matterNotFound: 'CATALOG_MATTER_NOT_FOUND',
  bundleNotFound: 'CATALOG_BUNDLE_NOT_FOUND',
} as const;
