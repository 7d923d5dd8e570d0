/**
 * The shapes of a workflow action's computation: what it may read (a port), and the outcome it
 * returns — every write described as data (`CaseWrite`), none done. `apply` does the writing.
 */
import type { Difficulty, EscalationReason, Level, Role } from '../../../shared/domain.ts';
import type { Message } from '../../platform/errors.ts';
import type { Actor } from '../people/actor.ts';
import type { CaseEventType } from './events.ts';
import type { WorkingTime } from './ports.ts';
import type * as repo from './repository.ts';
import type { TransitionInput } from './state-machine.ts';

/** A pending request (延期申请 / 作废申请) as an action sees it. */
export interface PendingRequest {
  id: string;
  requested_by: string;
  reason: string;
  amount: number | null;
}

/** What an action may look up (read only; implemented over the command's transaction in action-reads.ts). */
export interface ActionReads {
  /** A case type by code, active or not. */
  caseType(
    code: string,
  ): Promise<{ code: string; defaultDifficulty: Difficulty; active: boolean } | undefined>;
  /** Another case and its parties (merge target). */
  caseWithParties(id: string): Promise<{ c: repo.CaseWithPaths; parties: repo.PartyRow[] } | undefined>;
  /** Of `ids`, those that are active users. */
  activeUserIds(ids: string[]): Promise<string[]>;
  /** Of `ids`, those that are departments. */
  departmentIds(ids: string[]): Promise<string[]>;
  /** Level-4 routing (分流分调): the departments for a case type at a grid. */
  route(caseType: string, gridPath: string): Promise<string[]>;
  /** The department handlers of these departments serving the grid. */
  departmentMembers(departmentIds: string[], gridPath: string): Promise<string[]>;
  /** Active users holding one of `roles` in exactly the area at `path`. */
  usersWithRole(roles: Role[], path: string): Promise<string[]>;
  /** The users behind the case's active handlers. */
  activeHandlerUsers(parties: repo.PartyRow[], gridPath: string): Promise<string[]>;
  /** The case's pending request of a kind, if any. */
  pendingRequest(kind: RequestKind): Promise<PendingRequest | undefined>;
  /** The area handling the case at a level (409 when there is none). */
  handlingArea(level: Level): Promise<{ id: string; path: string }>;
}

export interface ActionContext {
  actor: Actor;
  c: repo.CaseWithPaths;
  parties: repo.PartyRow[];
  now: Date;
  wt: WorkingTime;
  read: ActionReads;
  /** A new record id (UUIDv7 in production; fixed in tests). */
  newId(): string;
}

export type RequestKind = 'extension' | 'void';

/** One write an action asks for, on the case in hand, done by apply() in this order. */
export type CaseWrite =
  | {
      op: 'add_parties';
      level: number;
      kind: 'handler' | 'joint' | 'collaborator';
      userIds: string[];
      departmentIds: string[];
    }
  | { op: 'deactivate_parties' }
  | { op: 'deactivate_parts'; partyIds: string[] }
  | { op: 'mark_accepted'; partyIds: string[] }
  | { op: 'mark_reported'; partyIds: string[]; result: string }
  | { op: 'clear_reports' }
  | {
      op: 'file_request';
      id: string;
      kind: RequestKind;
      requestedBy: string;
      reason: string;
      amount: number | null;
    }
  | { op: 'decide_request'; id: string; decision: 'approved' | 'refused'; by: string }
  | { op: 'open_supervision_order'; id: string; inspectorId: string; reason: string; dueAt: string }
  | { op: 'close_supervision_orders' }
  /** The case's result becomes every reported part's, joined (after the writes before it). */
  | { op: 'combine_result' };

export interface Notice {
  users: string[];
  kind: string;
  message: Message;
}

export interface ActionOutcome {
  /** The history entry: its type and what it records (who and when are added by the runner). */
  event: { type: CaseEventType; payload: Record<string, unknown> };
  /** Extra columns to write. */
  patch?: Partial<repo.CaseRow>;
  /** Rows to write besides the case's own (parties, requests, orders), in order. */
  writes?: CaseWrite[];
  /** Input for the state machine where the action has two outcomes. */
  transition?: TransitionInput;
  /**
   * What happens to the step clock beyond the default (a new clock whenever the status or level changes):
   * `restart` a new clock even though neither changed; `reschedule` keep
   * the step but re-arm its reminders for the patched due time (extension, resume); `stop` cancel the
   * reminders but keep the step's times for a later resume (suspension).
   */
  clock?: { kind: 'restart' } | { kind: 'reschedule' } | { kind: 'stop' };
  notices?: Notice[];
  /** Supervision order to schedule (its own deadline). */
  supervisionDue?: { orderId: string; dueAt: string };
}

// Inputs of the actions, as the routes validate them.
export interface ActionInputs {
  register: { caseType: string; title?: string; difficulty?: Difficulty; note?: string };
  reject: { reason: string };
  merge: { intoCaseId: string; reason?: string };
  dispatch: { handlerIds?: string[]; departmentIds?: string[]; dueAt?: string; note?: string };
  accept: { note?: string };
  send_back: { reason: string };
  progress: { note: string };
  mediate: {
    outcome: 'success' | 'failed' | 'partial';
    participants?: string[];
    venue?: string;
    note?: string;
  };
  link: { userIds?: string[]; departmentIds?: string[]; note?: string };
  feedback: { result: string };
  verify: { note?: string };
  rework: { reason: string };
  remind: { message?: string };
  supervise: { reason: string; dueInWorkdays?: number };
  escalate: { reason: Exclude<EscalationReason, 'overdue'>; note: string };
  request_extension: { hours: number; reason: string };
  approve_extension: { note?: string };
  refuse_extension: { note?: string };
  suspend: { reason: string };
  resume: { note?: string };
  request_void: { reason: string };
  approve_void: { note?: string };
  refuse_void: { note?: string };
  visit: { satisfied: boolean; rating?: 1 | 2 | 3 | 4 | 5; comment?: string };
  close: { finalDifficulty?: Difficulty; note?: string };
}
