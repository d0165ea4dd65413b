import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findItem } from './datahub.items.js';
import { DataSourceUnavailable, httpSource } from './datahub.sources.js';

// A department's API on 127.0.0.1 whose behaviour each test sets.
let mode: 'ok' | 'missing' | 'hang' | 'fail' | 'flaky' = 'ok';
let calls = 0;
let lastBody: Record<string, unknown> = {};
let lastAuth: string | undefined;
const server = http.createServer((req, res) => {
  calls++;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    lastBody = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    lastAuth = req.headers.authorization;
    if (mode === 'hang') return; // never answers
    if (mode === 'fail' || (mode === 'flaky' && calls % 2 === 1)) {
      res.writeHead(503).end();
      return;
    }
    if (mode === 'missing') {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ data: { householdNo: '330681012345', head: '张伟', secret: 'x' } }));
  });
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/datahub`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const item = findItem('psb', 'household-register')!;
const ctx = { item, purpose: 'YCB2026120112345678', department: 'psb' };

describe('httpSource: a department’s own API', () => {
  it('posts the subject, fields and purpose with the API key and keeps only the fields asked for', async () => {
    mode = 'ok';
    const source = httpSource({ url, source: 'psb', apiKey: 'k-1' });
    expect(await source.fetch('330681199003071233', ['householdNo', 'head'], ctx)).toEqual({
      householdNo: '330681012345',
      head: '张伟',
    });
    expect(lastBody).toMatchObject({
      item: 'household-register',
      subject: '330681199003071233',
      fields: ['householdNo', 'head'],
      purpose: ctx.purpose,
    });
    expect(lastAuth).toBe('Bearer k-1');
  });

  it('reads 404 as no record', async () => {
    mode = 'missing';
    expect(
      await httpSource({ url, source: 'psb' }).fetch('330681199003071233', ['head'], ctx),
    ).toBeNull();
  });

  it('times out, retries and then reports the source unavailable', async () => {
    mode = 'hang';
    calls = 0;
    const source = httpSource({ url, source: 'psb', timeoutMs: 50, retries: 2 });
    const started = Date.now();
    await expect(source.fetch('330681199003071233', ['head'], ctx)).rejects.toMatchObject({
      name: 'DataSourceUnavailable',
      reason: 'timeout',
    });
    expect(calls).toBe(3);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('retries a 5xx and succeeds on the next attempt', async () => {
    mode = 'flaky';
    calls = 0;
    expect(
      await httpSource({ url, source: 'psb', retries: 1 }).fetch(
        '330681199003071233',
        ['head'],
        ctx,
      ),
    ).toEqual({ head: '张伟' });
    expect(calls).toBe(2);
  });

  it('opens the circuit after repeated failures, then lets one trial call through after the reset time', async () => {
    mode = 'fail';
    calls = 0;
    let now = 0;
    const source = httpSource({
      url,
      source: 'psb',
      retries: 0,
      failureThreshold: 2,
      resetMs: 1000,
      now: () => now,
    });
    for (let i = 0; i < 2; i++)
      await expect(source.fetch('330681199003071233', ['head'], ctx)).rejects.toBeInstanceOf(
        DataSourceUnavailable,
      );
    expect(source.state()).toBe('open');
    await expect(source.fetch('330681199003071233', ['head'], ctx)).rejects.toMatchObject({
      reason: 'circuit-open',
    });
    expect(calls).toBe(2); // the open circuit did not call the department
    now = 1500;
    expect(source.state()).toBe('half-open');
    mode = 'ok';
    expect(await source.fetch('330681199003071233', ['head'], ctx)).toEqual({ head: '张伟' });
    expect(source.state()).toBe('closed');
  });

  it('reopens at once when the trial call fails', async () => {
    mode = 'fail';
    let now = 0;
    const source = httpSource({
      url,
      source: 'psb',
      retries: 0,
      failureThreshold: 1,
      resetMs: 1000,
      now: () => now,
    });
    await expect(source.fetch('x', ['head'], ctx)).rejects.toBeInstanceOf(DataSourceUnavailable);
    now = 2000;
    await expect(source.fetch('x', ['head'], ctx)).rejects.toMatchObject({ reason: 'error' });
    expect(source.state()).toBe('open');
  });
});
