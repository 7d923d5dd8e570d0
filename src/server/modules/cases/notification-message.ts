/** A stored notification as its message code and params, for the apps to show in their language. */
import type { NotificationTable } from './schema.ts';

/**
 * `key` + `params` of a notification row. Rows written before migration 0011 hold only their
 * Chinese sentence: they come back as `notice.text { text }`.
 */
export function notificationMessage(
  row: Pick<NotificationTable, 'message' | 'message_key' | 'message_params'>,
): { key: string; params: Record<string, unknown> } {
  if (!row.message_key || !row.message_params) return { key: 'notice.text', params: { text: row.message } };
  return { key: row.message_key, params: JSON.parse(row.message_params) as Record<string, unknown> };
}
