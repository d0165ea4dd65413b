import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { multipartFile, tinyPdf } from '../../../test/support/multipart.js';

let app: TestApp;
let citizen1: string;
let citizen2: string;
beforeAll(async () => {
  app = await createTestApp();
  citizen1 = await app.login('citizen1');
  citizen2 = await app.login('citizen2');
});
afterAll(async () => app.cleanup());

function upload(token: string | null, name: string, bytes: Buffer) {
  const body = multipartFile(name, bytes);
  return app.server.inject({
    method: 'POST',
    url: '/api/v1/files',
    payload: body.payload,
    headers: { ...body.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

describe('attachments', () => {
  it('stores a PDF by its SHA-256 and gives it back to its uploader', async () => {
    const pdf = tinyPdf('licence scan');
    const res = await upload(citizen1, '营业执照.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const stored = res.json<{ fileId: string; sha256: string; size: number; mediaType: string }>();
    expect(stored.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(stored).toMatchObject({ size: pdf.length, mediaType: 'application/pdf' });
    const back = await app.server.inject({
      method: 'GET',
      url: `/api/v1/files/${stored.fileId}`,
      headers: { authorization: `Bearer ${citizen1}` },
    });
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.rawPayload.equals(pdf)).toBe(true);
    const other = await app.server.inject({
      method: 'GET',
      url: `/api/v1/files/${stored.fileId}`,
      headers: { authorization: `Bearer ${citizen2}` },
    });
    expect(other.statusCode).toBe(403);
  });

  it('judges the type by content: a text file named .pdf is refused with 422', async () => {
    const res = await upload(citizen1, 'fake.pdf', Buffer.from('just some text, not a PDF'));
    expect(res.statusCode).toBe(422);
    const body = res.json<{ error: { code: string; details: { issues: { path: string }[] } } }>();
    expect(body.error.code).toBe('FILES_UNSUPPORTED_TYPE');
    expect(body.error.details.issues[0]?.path).toBe('file');
  });

  it('refuses a file over the size limit with 422', async () => {
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(app.services.files.maxBytes + 10, 0x20)]);
    const res = await upload(citizen1, 'big.pdf', big);
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('FILES_TOO_LARGE');
  });

  it('refuses an upload without a session', async () => {
    const res = await upload(null, 'a.pdf', tinyPdf());
    expect(res.statusCode).toBe(401);
  });
});
