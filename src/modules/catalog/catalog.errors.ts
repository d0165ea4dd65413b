import { NotFoundError } from '../../platform/errors/index.js';
import { CATALOG_ERROR_CODES } from '../../../shared/contracts/catalog.js';
import type { Position } from './catalog.locator.js';

/** One problem in the catalog files: where, which rule, and what is wrong. */
export interface CatalogProblem extends Position {
  /** Stable kebab-case rule name, e.g. `unknown-department`, `step-cycle`, `yaml-syntax`. */
  rule: string;
  message: string;
}

/** Renders a problem as `file:line:column rule message`, the form editors and CI can jump to. */
export function formatProblem(p: CatalogProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`;
}

/**
 * The catalog cannot be loaded. It lists every problem found, not just the first, so one run
 * of `onetrip catalog validate` (or one failed start-up) shows the author everything to fix.
 */
export class CatalogError extends Error {
  constructor(readonly problems: readonly CatalogProblem[]) {
    super(
      `The catalog has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'CatalogError';
  }
}

/** 404 for an unknown matter code. */
export function matterNotFound(code: string): NotFoundError {
  return new NotFoundError(
    CATALOG_ERROR_CODES.matterNotFound,
    { zh: `事项 ${code} 不存在`, en: `There is no matter ${code}` },
    { code },
  );
}

/** 404 for an unknown bundle code. */
export function bundleNotFound(code: string): NotFoundError {
  return new NotFoundError(
    CATALOG_ERROR_CODES.bundleNotFound,
    { zh: `"一件事" ${code} 不存在`, en: `There is no bundle ${code}` },
    { code },
  );
}
