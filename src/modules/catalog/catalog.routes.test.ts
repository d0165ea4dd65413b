import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logging/index.js';
import { buildServer, type HttpServer } from '../../platform/http/index.js';
import { createCatalogService, loadCatalog, registerCatalogRoutes } from './index.js';

const SEED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalog');

let app: HttpServer;
const catalog = loadCatalog(SEED);
beforeAll(async () => {
  app = await buildServer({
    logger: createLogger({ level: 'silent', pretty: false }),
    auth: { authenticate: async () => null },
    ping: async () => true,
    publicUrl: 'http://localhost:3000',
    secureCookies: false,
    version: 'test',
  });
  registerCatalogRoutes(app, { catalog: createCatalogService({ catalog }) });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('catalog routes', () => {
  it('lists departments', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalog/departments' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: { code: string }[] }>();
    expect(body.items.map((d) => d.code)).toContain('amr');
  });

  it('searches matters by pinyin initials and filters', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalog/matters?q=kgs&applicantType=company' });
    expect(res.statusCode).toBe(200);
    const codes = res.json<{ items: { code: string }[] }>().items.map((m) => m.code);
    expect(codes).toEqual(expect.arrayContaining(['psb-seal-engraving', 'pbc-enterprise-account']));
  });

  it('searches with Chinese words in the query string', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/catalog/matters?q=${encodeURIComponent('开公司')}`,
    });
    expect(res.json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses an unknown life event with field issues', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalog/matters?lifeEvent=holiday' });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: { details: { issues: { path: string }[] } } }>().error.details.issues[0]?.path).toBe(
      'querystring.lifeEvent',
    );
  });

  it('serves a matter guide with its JSON Schema form', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalog/matters/amr-company-establishment' });
    expect(res.statusCode).toBe(200);
    const guide = res.json<{ steps: unknown[]; form: { $schema: string; properties: Record<string, { title: string }> } }>();
    expect(guide.steps).toHaveLength(1);
    expect(guide.form.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(guide.form.properties.companyName?.title).toBe('企业名称');
  });

  it('serves bundle guides with every part integrators need', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/catalog/bundles' });
    expect(list.json<{ items: { code: string }[] }>().items.map((b) => b.code)).toEqual(
      expect.arrayContaining(['enterprise-startup', 'ship-clearance', 'newborn']),
    );
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalog/bundles/enterprise-startup' });
    expect(res.statusCode).toBe(200);
    const guide = res.json<{
      steps: { id: string; after: string[] }[];
      materials: { satisfiedBy: string[]; upload?: { maxSizeBytes: number } }[];
      promisedLimit: unknown;
      form: { examples: unknown[] };
    }>();
    expect(guide.steps).toHaveLength(4);
    expect(guide.materials).toHaveLength(7);
    expect(guide.promisedLimit).toEqual({ workingDays: 1 });
    expect(guide.form.examples).toHaveLength(1);
    const upload = guide.materials.find((m) => m.satisfiedBy.includes('upload'));
    expect(upload?.upload?.maxSizeBytes).toBeGreaterThan(0);
  });

  it('serves every guide whole: the response schemas strip nothing', async () => {
    for (const code of ['enterprise-startup', 'ship-clearance', 'newborn', 'investment-project']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/catalog/bundles/${code}` });
      expect(res.json(), code).toEqual(JSON.parse(JSON.stringify(catalog.bundle(code))));
    }
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalog/matters/psb-overseas-deregistration' });
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(catalog.matter('psb-overseas-deregistration'))));
  });

  it('answers 404 with the catalog codes for unknown matters and bundles', async () => {
    const matter = await app.inject({ method: 'GET', url: '/api/v1/catalog/matters/no-such-matter' });
    expect(matter.statusCode).toBe(404);
    expect(matter.json<{ error: { code: string } }>().error.code).toBe('CATALOG_MATTER_NOT_FOUND');
    const bundle = await app.inject({
      method: 'GET',
      url: '/api/v1/catalog/bundles/no-such-bundle',
      headers: { 'accept-language': 'en' },
    });
    expect(bundle.statusCode).toBe(404);
    expect(bundle.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'CATALOG_BUNDLE_NOT_FOUND',
      message: 'There is no bundle no-such-bundle',
    });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/catalog/matters/{code}', '/api/v1/catalog/bundles/{code}']),
    );
  });
});

describe('catalog service', () => {
  const service = createCatalogService({ catalog });

  it('checks a submitted form against the merged form of a bundle', () => {
    const example = service.getBundle('newborn').form.examples[0];
    expect(service.checkForm({ bundle: 'newborn' }, example)).toEqual([]);
    expect(
      service.checkForm({ bundle: 'newborn' }, { ...example, fatherIdNumber: '123' }).map((i) => i.path),
    ).toEqual(['form.fatherIdNumber']);
  });

  it('throws not found for unknown codes', () => {
    expect(() => service.getGuide({ matter: 'nope' })).toThrow(/There is no matter nope/);
  });
});
