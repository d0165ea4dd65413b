/** An in-app message to one account (the inbox). */
export interface NotificationsTable {
  id: string;
  account_id: string;
  type: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  application_id: string | null;
  receipt_no: string | null;
  read_at: string | null;
  created_at: string;
}

/** The notifications module's tables. */
export interface NotificationsTables {
  notifications: NotificationsTable;
}
