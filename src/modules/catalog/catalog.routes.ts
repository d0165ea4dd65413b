import { z } from 'zod';
import {
  BundleGuideSchema,
  BundleListQuerySchema,
  BundleListSchema,
  DepartmentListSchema,
  MatterGuideSchema,
  MatterListSchema,
  MatterSearchQuerySchema,
} from '../../../shared/contracts/catalog.js';
import { ErrorBodySchema } from '../../../shared/contracts/errors.js';
import type { HttpServer } from '../../platform/http/index.js';
import type { CatalogService } from './catalog.service.js';

const CodeParamsSchema = z.object({
  code: z.string().min(1).max(100).describe('Matter or bundle code, e.g. `enterprise-startup`'),
});

/**
 * Registers the public, read-only catalog API under `/api/v1/catalog`: departments, matter
 * search and guides, bundle list and guides. No sign-in is needed: guides are public (办事指南
 * 公开). Unknown codes answer 404 `CATALOG_MATTER_NOT_FOUND` / `CATALOG_BUNDLE_NOT_FOUND`.
 */
export function registerCatalogRoutes(app: HttpServer, deps: { catalog: CatalogService }): void {
  const { catalog } = deps;
  const tags = ['catalog'];

  app.get(
    '/api/v1/catalog/departments',
    {
      schema: { tags, summary: 'Departments (部门)', response: { 200: DepartmentListSchema } },
    },
    async () => ({ items: catalog.listDepartments() }),
  );

  app.get(
    '/api/v1/catalog/matters',
    {
      schema: {
        tags,
        summary: 'Search matters (事项)',
        description: 'Finds matters by words (Chinese, English or pinyin initials), department, life event and applicant type.',
        querystring: MatterSearchQuerySchema,
        response: { 200: MatterListSchema },
      },
    },
    async (request) => ({ items: catalog.searchMatters(request.query) }),
  );

  app.get(
    '/api/v1/catalog/matters/:code',
    {
      schema: {
        tags,
        summary: 'The guide of a matter (办事指南)',
        params: CodeParamsSchema,
        response: { 200: MatterGuideSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => catalog.getMatter(request.params.code),
  );

  app.get(
    '/api/v1/catalog/bundles',
    {
      schema: {
        tags,
        summary: 'Bundles (一件事)',
        querystring: BundleListQuerySchema,
        response: { 200: BundleListSchema },
      },
    },
    async (request) => ({ items: catalog.listBundles(request.query) }),
  );

  app.get(
    '/api/v1/catalog/bundles/:code',
    {
      schema: {
        tags,
        summary: 'The guide of a bundle: steps, merged form and materials, promised limit',
        params: CodeParamsSchema,
        response: { 200: BundleGuideSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => catalog.getBundle(request.params.code),
  );
}
