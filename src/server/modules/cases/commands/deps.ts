/** What every case command is built from: the database and the ports (wired in services.ts). */

import type { DatabaseHandle } from '../../../database.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Vault } from '../../../platform/vault/vault.ts';
import type { AppendEventsPort, CaseAreaPort, DeadlinePort, EnqueuePort, RoutingPort } from '../ports.ts';

export interface CaseServiceDeps {
  database: DatabaseHandle;
  clock: Clock;
  /** 个人信息保险箱: seals, masks and (logged) reveals the reporter's phone. */
  vault: Vault;
  areas: CaseAreaPort;
  deadlines: DeadlinePort;
  routing: RoutingPort;
  enqueue: EnqueuePort;
  appendEvents: AppendEventsPort;
}

/** Who a system-made history entry is by (jobs). */
export const SYSTEM = { actorId: null, actorRole: 'system' } as const;
