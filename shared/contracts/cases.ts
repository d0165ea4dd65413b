import { z } from 'zod';

const Bilingual = z
  .object({ zh: z.string(), en: z.string() })
  .describe('Text in Chinese and English');

/** One material entry of a submission (API.md "Submitting"). */
export const MaterialEntrySchema = z
  .object({
    material: z.string().min(1).max(64).describe('Material id from the guide'),
    fileId: z.string().min(1).max(64).optional().describe('An uploaded file (POST /api/v1/files)'),
    commitment: z
      .object({
        dueDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
          .optional()
          .describe(
            'When the missing material will be handed in (容缺); not needed for a 告知承诺 commitment that replaces it',
          ),
        text: z.string().max(500).optional().describe('The wording the applicant signed'),
      })
      .strict()
      .optional()
      .describe('A written commitment instead of the material'),
  })
  .strict();
export type MaterialEntry = z.infer<typeof MaterialEntrySchema>;

/**
 * 授权调取: the applicant's consent to the data hub fetching the data of their application
 * (what POST /api/v1/datahub/preview showed). Required for an online submission by a person
 * or company account that fetches any data (CASE_CONSENT_REQUIRED); at a window it records
 * the clerk's statement that the applicant agreed.
 */
export const DataConsentSchema = z
  .object({
    fetch: z
      .literal(true)
      .describe('I agree that the platform fetches the data listed for this application'),
    previewedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the applicant saw the preview of the data (RFC 3339)'),
    items: z
      .array(
        z
          .object({
            material: z.string().min(1).max(64).describe('Material id from the guide'),
            source: z.string().min(1).max(64).describe('Source department code'),
            item: z.string().min(1).max(64).describe('Data item code'),
            fields: z
              .array(z.string().min(1).max(64))
              .max(100)
              .optional()
              .describe('The fields shown in the preview'),
          })
          .strict(),
      )
      .max(100)
      .optional()
      .describe(
        'The data items shown and agreed to; when given, every material the submission fetches must be among them',
      ),
  })
  .strict();
export type DataConsent = z.infer<typeof DataConsentSchema>;

/** POST /api/v1/applications */
export const SubmitApplicationSchema = z
  .object({
    bundle: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('Bundle (一件事) code, e.g. `enterprise-startup`'),
    matter: z.string().min(1).max(64).optional().describe('Matter (事项) code'),
    form: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('The merged form, valid against the guide’s JSON Schema'),
    materials: z
      .array(MaterialEntrySchema)
      .max(100)
      .default([])
      .describe('Materials given; those the data hub or the wallet satisfies need no entry'),
    applicant: z
      .object({
        idNumber: z
          .string()
          .max(18)
          .optional()
          .describe('Resident identity number of the applicant (clerks, overseas points)'),
        name: z
          .string()
          .max(100)
          .optional()
          .describe('The applicant’s name, to register a walk-in person not yet known'),
        creditCode: z
          .string()
          .max(18)
          .optional()
          .describe('Unified social credit code of an applicant organisation'),
      })
      .strict()
      .optional()
      .describe('Who applies, when a clerk or a department acts for someone'),
    channel: z
      .enum(['online', 'window', 'overseas', 'department'])
      .optional()
      .describe('How the application came in'),
    remoteVerification: z
      .object({
        method: z.enum(['video', 'face', 'document']).describe('How identity was checked remotely'),
        reference: z.string().min(1).max(200).describe('Reference of the recording or check'),
      })
      .strict()
      .optional()
      .describe('Overseas service points: the remote identity check'),
    eSignature: z
      .object({
        signer: z.string().min(1).max(100),
        signatureId: z.string().min(1).max(200).describe('Reference of the signed document'),
      })
      .strict()
      .optional()
      .describe('Overseas service points: the applicant’s e-signature'),
    originals: z
      .array(z.string().min(1).max(64).describe('Material id from the guide'))
      .max(100)
      .optional()
      .describe(
        '原件核验: the materials whose original the clerk saw at the window (window intake only)',
      ),
    consent: DataConsentSchema.optional().describe(
      '授权调取: required online when the data hub fetches anything for the application; a clerk may record the applicant’s agreement',
    ),
  })
  .strict();
export type SubmitApplication = z.infer<typeof SubmitApplicationSchema>;

/** One item of the one-time notice (一次性告知): a missing or invalid material and why. */
export const NoticeItemSchema = z.object({
  material: z.string().describe('Material id'),
  name: Bilingual.describe('Material name'),
  reason: z
    .enum([
      'missing',
      'invalid-type',
      'too-large',
      'unknown-file',
      'commitment-not-allowed',
      'not-own-file',
      'datahub-unavailable',
      'datahub-not-connected',
    ])
    .describe(
      'Why it is listed (`datahub-unavailable`: the data hub could not supply it; ' +
        '`datahub-not-connected`: its source is not connected to the data hub; upload it)',
    ),
  message: Bilingual.describe('What to do'),
});

/** The state of one material of an application. */
export const MaterialStateSchema = z.object({
  material: z.string(),
  name: Bilingual,
  essential: z.boolean(),
  state: z
    .enum([
      'uploaded',
      'datahub',
      'credential',
      'committed',
      'commitment',
      'absent',
      'missing',
      'invalid',
    ])
    .describe('How the material is (or is not) satisfied'),
  fileId: z.string().nullable(),
  commitmentDue: z
    .string()
    .nullable()
    .describe('容缺: when the promised material falls due (YYYY-MM-DD)'),
  fulfilledAt: z.string().nullable(),
  datahub: z
    .object({
      source: z.string().describe('Source department code'),
      item: z.string().describe('Data item code'),
      subjects: z.array(z.string()).describe('Whose records were read, masked'),
      fields: z.array(z.string()).describe('Fields read'),
      accessIds: z.array(z.string()).describe('The access records (GET /api/v1/me/data-access)'),
      fetchedAt: z.string().describe('When it was fetched'),
    })
    .nullable()
    .optional()
    .describe(
      'What the data hub fetched for it (a reference, not the data); null only in applications taken in before every fetch was recorded',
    ),
});

export const TaskViewSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  receiptNo: z.string(),
  step: z.string().describe('Step id in the bundle'),
  matter: z.string().describe('Matter code'),
  name: Bilingual,
  department: z.string().describe('Department code'),
  after: z.array(z.string()).describe('Steps that must be approved first'),
  status: z.enum([
    'pending',
    'open',
    'claimed',
    'supplement',
    'paused',
    'approved',
    'rejected',
    'cancelled',
  ]),
  assignee: z.string().nullable(),
  openedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  dueProvisional: z
    .boolean()
    .describe(
      '预计: the due time counts on a year whose holiday notice is not loaded yet, and may move',
    ),
  decidedAt: z.string().nullable(),
  decision: z.enum(['approve', 'reject']).nullable(),
  outputs: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('What the step issued, e.g. a licence number'),
  inputs: z.record(z.string(), z.unknown()).describe('Data passed from earlier steps'),
  comment: z.string().nullable(),
  alert: z
    .enum(['normal', 'warning', 'overdue'])
    .describe('预警: warning at 80% of the time, overdue past it'),
  pauseReason: z.string().nullable(),
});
export type TaskView = z.infer<typeof TaskViewSchema>;

export const ActionViewSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().describe('Account id of who acted (or `system`)'),
  actorRole: z.string(),
  channel: z.string(),
  type: z.string(),
  taskId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const FollowUpViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['commitment', 'escalation', 'rating-callback', 'rating-rectification']),
  status: z.enum(['open', 'raised', 'done']),
  dueAt: z.string(),
  dueProvisional: z
    .boolean()
    .describe('The due time counts days of a year without an official holiday notice (预计)'),
  department: z.string().nullable(),
  material: z.string().nullable(),
  taskId: z.string().nullable(),
  note: z.string().nullable().describe('Why it was opened (the rating comment, the overdue step)'),
  owner: z.string().nullable().describe('Account id of who answers for it'),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  outcome: z.string().nullable().describe('What was done, once closed'),
});
export type FollowUpView = z.infer<typeof FollowUpViewSchema>;

/** 原件核验: one material whose original a clerk saw at the window, and when. */
export const OriginalViewSchema = z.object({
  material: z.string().describe('Material id'),
  name: Bilingual.describe('Material name'),
  clerk: z.object({
    account: z.string().describe('Account id of the clerk who checked it'),
    name: z.string().describe('The clerk’s display name at the time'),
  }),
  at: z.string().describe('When the original was checked'),
});
export type OriginalView = z.infer<typeof OriginalViewSchema>;

/** 授权调取 as recorded with an application: who agreed, when, to which data. */
export const ConsentViewSchema = z.object({
  by: z
    .enum(['applicant', 'clerk'])
    .describe('applicant: agreed online; clerk: the clerk’s statement that the applicant agreed'),
  account: z.string().describe('Account id of who gave or recorded it'),
  givenAt: z.string().describe('When it was given (the submission)'),
  previewedAt: z.string().nullable().describe('When the applicant saw the preview, if said'),
  items: z.array(
    z.object({
      material: z.string().describe('Material id'),
      name: Bilingual.describe('Material name'),
      source: z.string().describe('Source department code'),
      item: z.string().describe('Data item code'),
      fields: z.array(z.string()).nullable().describe('The fields shown, if said'),
    }),
  ),
});
export type ConsentView = z.infer<typeof ConsentViewSchema>;

/** An application as its applicant, clerk, reviewers and supervisors see it. */
export const ApplicationViewSchema = z.object({
  id: z.string(),
  receiptNo: z.string().describe('Receipt number (受理编号) for tracking'),
  status: z.enum([
    'deficient',
    'accepted',
    'paused',
    'completed',
    'rejected',
    'refused',
    'withdrawn',
  ]),
  subject: z.object({ kind: z.enum(['matter', 'bundle']), code: z.string(), name: Bilingual }),
  channel: z.enum(['online', 'window', 'overseas', 'department']),
  applicant: z.object({
    kind: z.enum(['person', 'company', 'department']),
    name: z.string().nullable(),
    maskedIdNumber: z.string().nullable().describe('Masked (330681********1234)'),
    creditCode: z.string().nullable(),
    department: z.string().nullable(),
  }),
  submittedAt: z.string(),
  acceptedAt: z.string().nullable(),
  dueAt: z.string().nullable().describe('承诺时限: due time from the working-day calendar'),
  dueProvisional: z
    .boolean()
    .describe(
      '预计: the due time counts on a year whose holiday notice is not loaded yet, and may move',
    ),
  completedAt: z.string().nullable(),
  alert: z.enum(['normal', 'warning', 'overdue']),
  form: z.record(z.string(), z.unknown()),
  materials: z.array(MaterialStateSchema),
  notice: z
    .object({ issuedAt: z.string(), items: z.array(NoticeItemSchema) })
    .nullable()
    .describe('一次性告知: every missing or invalid item, at once'),
  tasks: z.array(TaskViewSchema),
  results: z.array(
    z.object({
      step: z.string(),
      department: z.string(),
      outputs: z.record(z.string(), z.unknown()),
    }),
  ),
  actions: z.array(ActionViewSchema).describe('The full, append-only history'),
  followUps: z.array(FollowUpViewSchema),
  originals: z
    .array(OriginalViewSchema)
    .describe('原件核验: the originals presented at window intake, per material'),
  consent: ConsentViewSchema.nullable()
    .optional()
    .describe('授权调取: the consent to fetching data recorded at submission (null: none)'),
  ratingOpen: z
    .boolean()
    .describe(
      'Whether the applicant may rate now: once settled, and again after a poor rating’s follow-ups are closed',
    ),
  evaluations: z.array(
    z.object({
      score: z.number().int(),
      department: z.string().nullable(),
      comment: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type ApplicationView = z.infer<typeof ApplicationViewSchema>;

/** A short line of an application list. */
export const ApplicationSummarySchema = ApplicationViewSchema.pick({
  id: true,
  receiptNo: true,
  status: true,
  subject: true,
  channel: true,
  submittedAt: true,
  dueAt: true,
  dueProvisional: true,
  alert: true,
});

/** POST /api/v1/tasks/{id}/decision */
export const DecisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject', 'request-supplement']).describe('The decision'),
    outputs: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'What the step issues; numbers the platform can generate are generated when not given',
      ),
    comment: z
      .string()
      .max(2000)
      .optional()
      .describe('Reason (required to reject or to request a supplement)'),
    items: z
      .array(z.object({ material: z.string().min(1), reason: z.string().min(1).max(500) }).strict())
      .max(50)
      .optional()
      .describe('For request-supplement: the materials to correct or add, each with why'),
  })
  .strict();
export type Decision = z.infer<typeof DecisionSchema>;

/** POST /api/v1/tasks/{id}/pause — a statutory pause (expert review, testing, hearing …). */
/** Why a department may stop a task's clock by law (expert review, testing …). */
export const PAUSE_REASONS = [
  'expert-review',
  'testing',
  'inspection',
  'quarantine',
  'appraisal',
  'hearing',
  'other',
] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const PauseSchema = z
  .object({
    reason: z.enum(PAUSE_REASONS).describe('Why the clock stops (excluded from the limit by law)'),
    comment: z.string().max(500).optional(),
  })
  .strict();

/** POST /api/v1/applications/{id}/materials — supply what the notice or a supplement request asked for. */
export const SupplyMaterialsSchema = z
  .object({ materials: z.array(MaterialEntrySchema).min(1).max(100) })
  .strict();

/** POST /api/v1/applications/{id}/refusal — 不予受理 at intake. */
export const RefusalSchema = z
  .object({
    reason: z
      .string()
      .min(2)
      .max(1000)
      .describe('Why the application is outside the matter’s scope'),
  })
  .strict();

/** POST /api/v1/applications/{id}/evaluation — 好差评, 1 (very dissatisfied) … 5 (very satisfied). */
export const EvaluationSchema = z
  .object({
    score: z.number().int().min(1).max(5).describe('Rating of the whole application'),
    comment: z.string().max(1000).optional(),
    departments: z
      .array(
        z
          .object({
            department: z.string().min(1),
            score: z.number().int().min(1).max(5),
            comment: z.string().max(1000).optional(),
          })
          .strict(),
      )
      .max(20)
      .optional()
      .describe('Ratings of each step’s department'),
  })
  .strict();
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** PUT /api/v1/drafts/{key} — a saved, unchecked application in progress. */
export const DraftInputSchema = z
  .object({
    subject: z
      .object({ kind: z.enum(['bundle', 'matter']), code: z.string().min(1).max(64) })
      .strict()
      .describe('What the draft applies for'),
    form: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('The form as filled so far (not validated until submission)'),
    materials: z
      .array(MaterialEntrySchema.partial({ fileId: true, commitment: true }))
      .max(100)
      .default([])
      .describe('Materials given so far'),
    step: z.number().int().min(0).max(20).default(0).describe('The wizard step to resume at'),
  })
  .strict();
export type DraftInput = z.infer<typeof DraftInputSchema>;

/** A draft as saved. */
export const DraftSchema = z.object({
  key: z.string(),
  subject: z.object({ kind: z.enum(['bundle', 'matter']), code: z.string() }),
  form: z.record(z.string(), z.unknown()),
  materials: z.array(
    z.object({
      material: z.string(),
      fileId: z.string().optional(),
      commitment: z
        .object({ dueDate: z.string().optional(), text: z.string().optional() })
        .optional(),
    }),
  ),
  step: z.number().int(),
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof DraftSchema>;
