/** A department's subscription: where its system hears of new tasks and decisions. */
export interface DepartmentWebhooksTable {
  id: string;
  department_code: string;
  url: string;
  /** The HMAC secret, sealed with AES-GCM. */
  secret_sealed: string;
  active: number;
  created_at: string;
}

/** One event to deliver to one webhook, with its attempts (the delivery log). */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_type: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** The webhooks module's tables. */
export interface WebhooksTables {
  department_webhooks: DepartmentWebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
