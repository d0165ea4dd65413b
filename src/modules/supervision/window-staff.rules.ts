import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { CatalogError, type CatalogProblem } from '../catalog/index.js';

/*
 * The window staff rules (Taizhou 四制四化, shared/design/CASES.md case 6): grades (考级) with
 * the matters each may accept, the points rule set (积分制) and the pay tiers (按级定薪). They are
 * data in the catalog folder; the figures are the county's configuration, not national law.
 */

/** The rules file inside the catalog folder (the catalog loader leaves it to this module). */
export const WINDOW_STAFF_RULES_FILE = 'window-staff.yaml';

const bilingual = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
const id = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes');
const difficulty = z.number().int().min(1).max(9);

/** What a points rule counts, each from the action history of window applications. */
export const POINTS_RULE_KINDS = [
  'acceptance',
  'good-rating',
  'supplement-requested',
  'step-rejected',
  'commitment-overdue',
] as const;
export type PointsRuleKind = (typeof POINTS_RULE_KINDS)[number];

const ruleBase = { id, name: bilingual };
const RuleYaml = z.discriminatedUnion('kind', [
  z.strictObject({
    ...ruleBase,
    kind: z.literal('acceptance'),
    pointsByDifficulty: z.record(z.string().regex(/^\d$/, 'a difficulty level'), z.number().int()),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('good-rating'),
    minScore: z.number().int().min(1).max(5),
    points: z.number().int(),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('supplement-requested'),
    points: z.number().int(),
  }),
  z.strictObject({ ...ruleBase, kind: z.literal('step-rejected'), points: z.number().int() }),
  z.strictObject({ ...ruleBase, kind: z.literal('commitment-overdue'), points: z.number().int() }),
]);

const RulesYaml = z.strictObject({
  grades: z
    .array(
      z.strictObject({
        id,
        name: bilingual,
        maxDifficulty: difficulty,
        matters: z.array(z.string()).default([]),
      }),
    )
    .min(1),
  defaultGrade: id,
  difficulty: z.strictObject({
    levels: z.array(difficulty).min(1),
    default: difficulty,
    matters: z.record(z.string(), difficulty).default({}),
  }),
  points: z.strictObject({
    channels: z.array(z.enum(['window', 'overseas'])).min(1),
    rules: z.array(RuleYaml).min(1),
  }),
  payTiers: z.strictObject({
    tiers: z
      .array(z.strictObject({ id, name: bilingual, payFactor: z.number().positive() }))
      .min(1),
    grades: z.record(
      z.string(),
      z.strictObject({
        basePay: z.number().positive(),
        thresholds: z
          .array(z.strictObject({ minPoints: z.number().int().optional(), tier: z.string() }))
          .min(1),
      }),
    ),
  }),
});
type RulesYaml = z.infer<typeof RulesYaml>;

/** One grade (考级). */
export interface Grade {
  id: string;
  name: { zh: string; en: string };
  maxDifficulty: number;
  /** Matter codes the grade accepts whatever their difficulty. */
  matters: string[];
}

/** One points rule with an id and names; `points` per hit (acceptance: per matter, by difficulty). */
export type PointsRule = RulesYaml['points']['rules'][number];

/** One pay tier. */
export interface PayTier {
  id: string;
  name: { zh: string; en: string };
  payFactor: number;
}

/** The checked rules, ready for intake and the points ledger. */
export interface WindowStaffRules {
  grades: Grade[];
  defaultGrade: string;
  /** The difficulty of a matter (the default for one not listed). */
  difficultyOf(matter: string): number;
  channels: ('window' | 'overseas')[];
  rules: PointsRule[];
  tiers: PayTier[];
  payOf: Record<string, { basePay: number; thresholds: { minPoints?: number; tier: string }[] }>;
  /** A digest of the rules: the stored ledger of a month is recomputed when it changes. */
  version: string;
}

function positionOf(
  doc: Document.Parsed,
  lines: LineCounter,
  at: (string | number)[],
  onKey: boolean,
) {
  // A key's own position (an unknown key, an unknown matter code used as a key).
  const parent: unknown = at.length > 1 ? doc.getIn(at.slice(0, -1), true) : doc.contents;
  if (onKey && isMap(parent)) {
    const pair = parent.items.find(
      (p) => isScalar(p.key) && String(p.key.value) === String(at.at(-1)),
    );
    if (pair && isNode(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]);
  }
  // The deepest node of the path that exists: where the author has to look.
  for (let n = at.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(at.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

function formatPath(at: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of at) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/**
 * Reads and checks the window staff rules of `catalogDir` against the catalog's matter codes.
 * Throws {@link CatalogError} listing every problem as `file:line:column rule message`
 * (yaml-syntax, schema, unknown-key, unknown-matter, unknown-grade, unknown-tier,
 * unknown-difficulty, duplicate-id, duplicate-rule-kind, missing-pay, threshold-order,
 * no-catch-all).
 */
export function loadWindowStaffRules(
  catalogDir: string,
  matterCodes: ReadonlySet<string>,
): WindowStaffRules {
  const file = path.join(catalogDir, WINDOW_STAFF_RULES_FILE);
  const shown = path.relative(process.cwd(), file) || file;
  const problems: CatalogProblem[] = [];
  if (!fs.existsSync(file)) {
    throw new CatalogError([
      {
        file: shown,
        line: 1,
        column: 1,
        rule: 'no-catalog',
        message: 'the window staff rules file is missing',
      },
    ]);
  }
  const text = fs.readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const add = (rule: string, at: (string | number)[], message: string, onKey = false) => {
    const { line, col } = positionOf(doc, lines, at, onKey);
    problems.push({
      file: shown,
      line,
      column: col,
      rule,
      message: `${formatPath(at) || '(file)'}: ${message}`,
    });
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = lines.linePos(error.pos[0]);
      problems.push({
        file: shown,
        line,
        column: col,
        rule: 'yaml-syntax',
        message: error.message,
      });
    }
    throw new CatalogError(problems);
  }
  const parsed = RulesYaml.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          add('unknown-key', [...at, key], `unknown key "${key}"`, true);
      } else add('schema', at, issue.message);
    }
    throw new CatalogError(problems);
  }
  const y = parsed.data;
  const gradeIds = new Set<string>();
  const levels = new Set(y.difficulty.levels);
  y.grades.forEach((g, i) => {
    if (gradeIds.has(g.id))
      add('duplicate-id', ['grades', i, 'id'], `grade ${g.id} is defined twice`);
    gradeIds.add(g.id);
    if (!levels.has(g.maxDifficulty))
      add(
        'unknown-difficulty',
        ['grades', i, 'maxDifficulty'],
        `${g.maxDifficulty} is not one of difficulty.levels`,
      );
    g.matters.forEach((m, j) => {
      if (!matterCodes.has(m))
        add('unknown-matter', ['grades', i, 'matters', j], `no matter ${m} in the catalog`);
    });
  });
  if (!gradeIds.has(y.defaultGrade))
    add('unknown-grade', ['defaultGrade'], `no grade ${y.defaultGrade}`);
  if (!levels.has(y.difficulty.default))
    add(
      'unknown-difficulty',
      ['difficulty', 'default'],
      `${y.difficulty.default} is not one of difficulty.levels`,
    );
  for (const [code, d] of Object.entries(y.difficulty.matters)) {
    if (!matterCodes.has(code))
      add(
        'unknown-matter',
        ['difficulty', 'matters', code],
        `no matter ${code} in the catalog`,
        true,
      );
    else if (!levels.has(d))
      add(
        'unknown-difficulty',
        ['difficulty', 'matters', code],
        `${d} is not one of difficulty.levels`,
      );
  }
  const ruleIds = new Set<string>();
  const kinds = new Set<string>();
  y.points.rules.forEach((r, i) => {
    if (ruleIds.has(r.id))
      add('duplicate-id', ['points', 'rules', i, 'id'], `rule ${r.id} is defined twice`);
    if (kinds.has(r.kind))
      add('duplicate-rule-kind', ['points', 'rules', i, 'kind'], `a second rule of kind ${r.kind}`);
    ruleIds.add(r.id);
    kinds.add(r.kind);
    if (r.kind === 'acceptance') {
      for (const level of levels) {
        if (r.pointsByDifficulty[String(level)] === undefined)
          add(
            'unknown-difficulty',
            ['points', 'rules', i, 'pointsByDifficulty'],
            `no points for difficulty ${level}`,
          );
      }
    }
  });
  const tierIds = new Set<string>();
  y.payTiers.tiers.forEach((t, i) => {
    if (tierIds.has(t.id))
      add('duplicate-id', ['payTiers', 'tiers', i, 'id'], `tier ${t.id} is defined twice`);
    tierIds.add(t.id);
  });
  for (const g of y.grades) {
    if (!y.payTiers.grades[g.id])
      add('missing-pay', ['payTiers', 'grades'], `no pay tiers for grade ${g.id}`);
  }
  for (const [grade, pay] of Object.entries(y.payTiers.grades)) {
    const at = ['payTiers', 'grades', grade];
    if (!gradeIds.has(grade)) add('unknown-grade', at, `no grade ${grade}`);
    let previous = Infinity;
    pay.thresholds.forEach((t, i) => {
      if (!tierIds.has(t.tier))
        add('unknown-tier', [...at, 'thresholds', i, 'tier'], `no tier ${t.tier}`);
      const last = i === pay.thresholds.length - 1;
      if (last && t.minPoints !== undefined)
        add(
          'no-catch-all',
          [...at, 'thresholds', i],
          'the last threshold must have no minPoints (it takes every other total)',
        );
      if (!last && t.minPoints === undefined)
        add(
          'no-catch-all',
          [...at, 'thresholds', i],
          'only the last threshold may have no minPoints',
        );
      if (t.minPoints !== undefined) {
        if (t.minPoints >= previous)
          add(
            'threshold-order',
            [...at, 'thresholds', i, 'minPoints'],
            'thresholds go from the highest minPoints down',
          );
        previous = t.minPoints;
      }
    });
  }
  if (problems.length > 0) throw new CatalogError(problems);
  const difficulties = new Map(Object.entries(y.difficulty.matters));
  return {
    grades: y.grades,
    defaultGrade: y.defaultGrade,
    difficultyOf: (matter) => difficulties.get(matter) ?? y.difficulty.default,
    channels: y.points.channels,
    rules: y.points.rules,
    tiers: y.payTiers.tiers,
    payOf: y.payTiers.grades,
    version: digest(text),
  };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
