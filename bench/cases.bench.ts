/**
 * Case-engine benchmark (issue 3): drives the HTTP API of a real server on a fresh SQLite
 * database — submit an `enterprise-startup` application and approve its four steps — with
 * many clients at once, and runs paed01/bpmn-engine on the same shape in the same run.
 * Usage: npx tsx bench/cases.bench.ts [--bundles 600] [--clients 50]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { currentTotp } from '../src/modules/identity/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/demo/index.js';
import type { ApplicationView, BundleGuide } from '../shared/contracts/index.js';
import { bpmnRate } from './bpmn-peer.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const BUNDLES = arg('bundles', 600);
const CLIENTS = arg('clients', 50);
const PORT = 3990;
const BASE = `http://127.0.0.1:${PORT}`;

// node:http with keep-alive is several times lighter than fetch; the load generator shares
// the machine with the server, so every cycle it saves goes to the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function call<T>(
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${BASE}${url}`,
      {
        method,
        agent,
        headers: {
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 400)
            reject(new Error(`${method} ${url}: ${res.statusCode} ${text}`));
          else resolve((text ? JSON.parse(text) : null) as T);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function login(username: string): Promise<string> {
  const staff = !/^(citizen|company)\d/.test(username);
  const body = {
    username,
    password: DEMO_PASSWORD,
    ...(staff ? { totp: currentTotp(DEMO_TOTP_SECRET, new Date()) } : {}),
  };
  return (await call<{ token: string }>('POST', '/api/v1/auth/login', null, body)).token;
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`server did not start: ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs the benchmark and returns its figures. */
export async function benchCases(): Promise<Record<string, number | string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-bench-'));
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const server = spawn(process.execPath, [...profile, 'dist/src/cli/main.js', 'serve'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      ONETRIP_DATA_DIR: dataDir,
      ONETRIP_DEMO: 'on',
      NODE_ENV: 'test',
      ONETRIP_LOG_LEVEL: 'warn',
      ONETRIP_LOGIN_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`${BASE}/healthz`, 60_000);
    const citizen = await login('citizen1');
    const guide = await call<BundleGuide>(
      'GET',
      '/api/v1/catalog/bundles/enterprise-startup',
      null,
    );
    const reviewers = new Map<string, string>();
    for (const step of guide.steps)
      if (!reviewers.has(step.department))
        reviewers.set(step.department, await login(`reviewer.${step.department}`));
    // The applicant's files are uploaded once and cited by every application.
    const materials: { material: string; fileId?: string; commitment?: Record<string, never> }[] =
      [];
    for (const m of guide.materials) {
      if (m.satisfiedBy.includes('datahub')) continue;
      if (m.satisfiedBy.includes('upload')) {
        const form = new FormData();
        form.append(
          'file',
          new Blob([Buffer.from(`%PDF-1.4\n% ${m.id}\n%%EOF\n`)], { type: 'application/pdf' }),
          `${m.id}.pdf`,
        );
        const res = await fetch(`${BASE}/api/v1/files`, {
          method: 'POST',
          headers: { authorization: `Bearer ${citizen}` },
          body: form,
        });
        materials.push({
          material: m.id,
          fileId: ((await res.json()) as { fileId: string }).fileId,
        });
      } else materials.push({ material: m.id, commitment: {} });
    }
    const approve = (t: { id: string; department: string }) =>
      call('POST', `/api/v1/tasks/${t.id}/decision`, reviewers.get(t.department) ?? '', {
        decision: 'approve',
      });

    const submitLatencies: number[] = [];
    let next = 0;
    let completed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < BUNDLES) {
          const n = next++;
          const t0 = performance.now();
          const app = await call<ApplicationView>(
            'POST',
            '/api/v1/applications',
            citizen,
            { bundle: 'enterprise-startup', form: guide.form.examples[0], materials },
            { 'idempotency-key': `bench-${n}` },
          );
          submitLatencies.push(performance.now() - t0);
          // The tasks exist from acceptance on: the licence is open, the other three wait for it.
          await approve(app.tasks.find((t) => t.status === 'open')!);
          await Promise.all(app.tasks.filter((t) => t.status === 'pending').map(approve));
          completed++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const recent = await call<{ items: { status: string }[] }>(
      'GET',
      '/api/v1/applications?limit=200',
      citizen,
    );
    const notDone = recent.items.filter((i) => i.status !== 'completed').length;
    if (notDone > 0)
      throw new Error(
        `${notDone} of the last ${recent.items.length} applications are not completed`,
      );
    submitLatencies.sort((a, b) => a - b);
    const ours = completed / seconds;
    const peer = await bpmnRate(Math.min(BUNDLES, 1000), CLIENTS);
    return {
      bundles: completed,
      clients: CLIENTS,
      seconds: Number(seconds.toFixed(2)),
      bundlesPerSecond: Number(ours.toFixed(1)),
      submitP50Ms: Number(percentile(submitLatencies, 50).toFixed(1)),
      submitP99Ms: Number(percentile(submitLatencies, 99).toFixed(1)),
      bpmnEnginePerSecond: Number(peer.toFixed(1)),
      ratio: Number((ours / peer).toFixed(1)),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchCases();
  console.log(JSON.stringify(figures, null, 2));
}
