import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import { ForbiddenError, ValidationError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Logger } from '../../platform/logging/index.js';
import type { Database } from '../../schema.js';
import type { WebhooksRepo } from './webhooks.repo.js';

/** An event as departments' systems receive it. */
export interface OutboundEvent {
  type: string;
  departmentCode?: string;
  at: Date;
}

/** The outbound HTTP port (fetch by default; tests may pass their own). */
export type PostFn = (
  url: string,
  init: { headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number }>;

/** After this many failed attempts a delivery is given up (and shown as failed in the log). */
export const MAX_ATTEMPTS = 10;

/** Backoff before attempt n+1: 30 s · 2^(n-1), at most 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/** The signature header value: HMAC-SHA256 over `timestamp.body`, hex. */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Per-department outbound webhooks: events are queued in the transaction of the change
 * (outbox), delivered signed (HMAC-SHA256 over timestamp + body), retried with exponential
 * backoff, and every attempt is kept in the delivery log.
 */
export function createWebhooksService(deps: {
  repo: WebhooksRepo;
  clock: Clock;
  ids: IdGenerator;
  secretBox: SecretBox;
  logger: Logger;
  post?: PostFn;
  timeoutMs?: number;
}) {
  const { repo, clock, ids, secretBox } = deps;
  const post: PostFn =
    deps.post ??
    (async (url, init) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: init.headers,
        body: init.body,
        signal: init.signal,
        redirect: 'manual',
      });
      await res.body?.cancel();
      return { status: res.status };
    });

  function mayManage(p: Principal, departmentCode: string): void {
    if (p.roles.includes('admin')) return;
    if (p.kind === 'system' && p.departmentCode === departmentCode) return;
    throw new ForbiddenError('WEBHOOKS_FORBIDDEN', {
      zh: '无权管理该部门的推送地址',
      en: 'You may not manage this department’s webhooks',
    });
  }

  return {
    /** Subscribes a department's system; returns the signing secret once. */
    async subscribe(
      p: Principal,
      departmentCode: string,
      url: string,
    ): Promise<{ id: string; secret: string }> {
      mayManage(p, departmentCode);
      if (!/^https?:\/\//.test(url)) {
        throw new ValidationError(
          'WEBHOOKS_INVALID_URL',
          { zh: '推送地址必须是 http(s) 网址', en: 'The webhook URL must be http(s)' },
          [{ path: 'url', code: 'invalid_url', message: 'must start with http:// or https://' }],
        );
      }
      const secret = ids.token(32);
      const id = ids.id();
      await repo.insertWebhook({
        id,
        department_code: departmentCode,
        url,
        secret_sealed: secretBox.seal(secret),
        active: 1,
        created_at: clock.now().toISOString(),
      });
      return { id, secret };
    },

    /** Queues the event for every active webhook of its department, in the caller's transaction. */
    async emit<E extends OutboundEvent>(tx: Kysely<Database>, event: E): Promise<void> {
      if (!event.departmentCode) return;
      const hooks = await repo.activeWebhooks(tx, event.departmentCode);
      for (const hook of hooks) {
        const id = ids.id();
        const body = JSON.stringify({ id, ...event, at: event.at.toISOString() });
        await repo.insertDelivery(tx, {
          id,
          webhook_id: hook.id,
          event_type: event.type,
          body,
          status: 'pending',
          attempts: 0,
          next_attempt_at: event.at.toISOString(),
          last_status_code: null,
          last_error: null,
          created_at: event.at.toISOString(),
          delivered_at: null,
        });
      }
    },

    /** Sends every due delivery once; returns how many were delivered and how many failed this round. */
    async deliverDue(limit = 50): Promise<{ delivered: number; retried: number; failed: number }> {
      const now = clock.now();
      const timeout = deps.timeoutMs ?? 5_000;
      const rows = await repo.claimDue(
        now.toISOString(),
        new Date(now.getTime() + timeout * 4).toISOString(),
        limit,
      );
      const result = { delivered: 0, retried: 0, failed: 0 };
      for (const row of rows) {
        const hook = await repo.findWebhook(row.webhook_id);
        if (!hook) continue;
        const timestamp = String(Math.floor(now.getTime() / 1000));
        const attempts = row.attempts + 1;
        let status: number | null = null;
        let error: string | null = null;
        try {
          const res = await post(hook.url, {
            headers: {
              'content-type': 'application/json',
              'x-onetrip-event': row.event_type,
              'x-onetrip-delivery': row.id,
              'x-onetrip-timestamp': timestamp,
              'x-onetrip-signature': signDelivery(
                secretBox.open(hook.secret_sealed),
                timestamp,
                row.body,
              ),
            },
            body: row.body,
            signal: AbortSignal.timeout(timeout),
          });
          status = res.status;
          if (status < 200 || status >= 300) error = `HTTP ${status}`;
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
        const at = clock.now();
        if (!error) {
          await repo.updateDelivery(row.id, {
            status: 'delivered',
            attempts,
            last_status_code: status,
            last_error: null,
            delivered_at: at.toISOString(),
          });
          result.delivered++;
        } else if (attempts >= MAX_ATTEMPTS) {
          await repo.updateDelivery(row.id, {
            status: 'failed',
            attempts,
            last_status_code: status,
            last_error: error,
          });
          result.failed++;
        } else {
          await repo.updateDelivery(row.id, {
            attempts,
            last_status_code: status,
            last_error: error,
            next_attempt_at: new Date(at.getTime() + backoffMs(attempts)).toISOString(),
          });
          result.retried++;
          deps.logger.warn(
            { delivery: row.id, attempts, error },
            'webhook delivery failed; will retry',
          );
        }
      }
      return result;
    },

    /** The delivery log of a department, newest first. */
    async log(p: Principal, departmentCode: string) {
      if (!(
        p.roles.includes('admin') ||
        p.roles.includes('supervisor') ||
        p.departmentCode === departmentCode
      )) {
        throw new ForbiddenError('WEBHOOKS_FORBIDDEN', {
          zh: '无权查看该部门的推送记录',
          en: 'You may not see this department’s deliveries',
        });
      }
      return repo.deliveriesOf(departmentCode, 200);
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
