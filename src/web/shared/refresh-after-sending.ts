/**
 * After the outbox (待发送) has sent something, the screens showing what it changed load again: each
 * item that reaches one of the `finished` statuses refreshes the queries `keysOf(item)` names
 * (TanStack invalidation; only the queries on screen load again).
 */
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Outbox, OutboxItem, OutboxStatus } from './outbox.ts';

export function useRefreshAfterSending(
  outbox: Outbox,
  finished: readonly OutboxStatus[],
  keysOf: (item: OutboxItem) => readonly QueryKey[],
): void {
  const client = useQueryClient();
  useEffect(() => {
    const seen = new Set<string>();
    return outbox.subscribe((items) => {
      for (const item of items) {
        if (!finished.includes(item.status) || seen.has(item.id)) continue;
        seen.add(item.id);
        for (const key of keysOf(item)) void client.invalidateQueries({ queryKey: key });
      }
    });
  }, [client, outbox, finished, keysOf]);
}
