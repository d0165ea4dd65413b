import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Dialect } from '../../platform/db/index.js';
import type { Database } from '../../schema.js';
import type { DepartmentWebhooksTable, WebhookDeliveriesTable } from './webhooks.tables.js';

export type WebhookRow = Selectable<DepartmentWebhooksTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

/** The only code of the webhooks module that builds SQL. */
export function createWebhooksRepo(db: Kysely<Database>, dialect: Dialect) {
  return {
    async insertWebhook(row: WebhookRow): Promise<void> {
      await db.insertInto('department_webhooks').values(row).execute();
    },
    activeWebhooks(tx: Kysely<Database>, departmentCode: string): Promise<WebhookRow[]> {
      return tx
        .selectFrom('department_webhooks')
        .selectAll()
        .where('department_code', '=', departmentCode)
        .where('active', '=', 1)
        .execute();
    },
    findWebhook(id: string): Promise<WebhookRow | undefined> {
      return db
        .selectFrom('department_webhooks')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async insertDelivery(tx: Kysely<Database>, row: DeliveryRow): Promise<void> {
      await tx.insertInto('webhook_deliveries').values(row).execute();
    },
    /**
     * Claims up to `limit` due deliveries by pushing their next attempt into the future; on
     * PostgreSQL the rows are locked with FOR UPDATE SKIP LOCKED so two nodes never send one twice.
     */
    async claimDue(now: string, leaseUntil: string, limit: number): Promise<DeliveryRow[]> {
      return db.transaction().execute(async (trx) => {
        let q = trx
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(limit);
        if (dialect === 'postgres') q = q.forUpdate().skipLocked();
        const rows = await q.execute();
        if (rows.length > 0) {
          await trx
            .updateTable('webhook_deliveries')
            .set({ next_attempt_at: leaseUntil })
            .where(
              'id',
              'in',
              rows.map((r) => r.id),
            )
            .execute();
        }
        return rows;
      });
    },
    async updateDelivery(id: string, patch: Updateable<WebhookDeliveriesTable>): Promise<void> {
      await db.updateTable('webhook_deliveries').set(patch).where('id', '=', id).execute();
    },
    deliveriesOf(departmentCode: string, limit: number) {
      return db
        .selectFrom('webhook_deliveries')
        .innerJoin('department_webhooks', 'department_webhooks.id', 'webhook_deliveries.webhook_id')
        .selectAll('webhook_deliveries')
        .select(['department_webhooks.url'])
        .where('department_webhooks.department_code', '=', departmentCode)
        .orderBy('webhook_deliveries.created_at', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type WebhooksRepo = ReturnType<typeof createWebhooksRepo>;
