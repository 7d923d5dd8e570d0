/**
 * The six-step closed loop (六步闭环, SPEC §4) as a pure state machine: which action may happen in
 * which status, and where it leads. No I/O; the commands around it do the writing.
 *
 *   reported ─register→ registered ─dispatch→ dispatched ─accept→ handling ─feedback→ feedback
 *      │                    ▲  ▲                  │                  ▲  │                │  │
 *      └ reject / merge     │  └──── send_back ───┴──────────────────┘  │      rework ───┘  verify
 *                           └──────── escalate (level + 1) ─────────────┘                    ▼
 *   archived ←close─ visited ←visit(satisfied)─ verified ─visit(not satisfied)→ handling (reopened)
 *
 * Side flows: suspend/resume (挂账), request/approve/refuse extension (延期), request/approve/refuse
 * void (作废), remind (催办), supervise (督办), link (联动), progress, mediate.
 */
import { CASE_STATUSES, type CaseStatus, type LoopStep, TERMINAL_STATUSES } from '../../../shared/domain.ts';

export const CASE_ACTIONS = [
  'register',
  'reject',
  'merge',
  'dispatch',
  'accept',
  'send_back',
  'progress',
  'mediate',
  'link',
  'feedback',
  'verify',
  'rework',
  'remind',
  'supervise',
  'escalate',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'suspend',
  'resume',
  'request_void',
  'approve_void',
  'refuse_void',
  'visit',
  'close',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * Statuses in which a case is still being worked and may be reminded, supervised or voided: every
 * status but the terminal ones and suspension, in loop order.
 */
const OPEN: readonly CaseStatus[] = CASE_STATUSES.filter(
  (s) => s !== 'suspended' && !TERMINAL_STATUSES.includes(s),
);
const WORKING: readonly CaseStatus[] = ['registered', 'dispatched', 'handling', 'feedback'];

/** Where each action may start. */
const FROM: Record<CaseAction, readonly CaseStatus[]> = {
  register: ['reported'],
  reject: ['reported'],
  merge: ['reported', 'registered'],
  dispatch: ['registered'],
  // from handling too: in joint handling each department accepts its own part (the first moves the case)
  accept: ['dispatched', 'handling'],
  send_back: ['dispatched', 'handling'],
  progress: ['handling'],
  mediate: ['handling'],
  link: ['dispatched', 'handling', 'feedback'],
  feedback: ['handling'],
  verify: ['feedback'],
  rework: ['feedback'],
  remind: ['reported', 'registered', 'dispatched', 'handling', 'feedback', 'verified'],
  supervise: [...OPEN, 'suspended'],
  escalate: WORKING,
  request_extension: ['dispatched', 'handling'],
  approve_extension: ['dispatched', 'handling'],
  refuse_extension: ['dispatched', 'handling'],
  suspend: ['registered', 'dispatched', 'handling'],
  resume: ['suspended'],
  request_void: [...OPEN, 'suspended'],
  approve_void: [...OPEN, 'suspended'],
  refuse_void: [...OPEN, 'suspended'],
  visit: ['verified'],
  close: ['visited'],
};

/** Options that decide between two outcomes of one action. */
export interface TransitionInput {
  /** visit: whether the reporter is satisfied. */
  satisfied?: boolean;
  /** resume: the status the case had when it was suspended. */
  suspendedFrom?: CaseStatus;
  /** feedback: other joint departments have still to report their parts (the case keeps handling). */
  partsOutstanding?: boolean;
  /** send_back: what is left of the handling parts once the sender's part is gone (see parts.ts). */
  partsLeft?: 'none' | 'working' | 'all_reported';
}

/** True when `action` may happen while the case is in `status`. */
export function canTransition(status: CaseStatus, action: CaseAction): boolean {
  return FROM[action].includes(status);
}

/** The actions the state allows (the policy then narrows them to what a person may do). */
export function actionsInStatus(status: CaseStatus): CaseAction[] {
  return CASE_ACTIONS.filter((a) => FROM[a].includes(status));
}

/**
 * The status after `action`, or undefined when the state does not allow it (the caller answers 409).
 */
export function nextStatus(
  status: CaseStatus,
  action: CaseAction,
  input: TransitionInput = {},
): CaseStatus | undefined {
  if (!canTransition(status, action)) return undefined;
  switch (action) {
    case 'register':
      return 'registered';
    case 'reject':
      return 'rejected';
    case 'merge':
      return 'merged';
    case 'dispatch':
      return 'dispatched';
    case 'accept':
      return 'handling';
    case 'send_back':
      if (input.partsLeft === 'working') return status;
      return input.partsLeft === 'all_reported' ? 'feedback' : 'registered';
    case 'feedback':
      return input.partsOutstanding ? 'handling' : 'feedback';
    case 'verify':
      return 'verified';
    case 'rework':
      return 'handling';
    case 'escalate':
      return 'registered';
    case 'suspend':
      return 'suspended';
    case 'resume':
      return input.suspendedFrom && WORKING.includes(input.suspendedFrom)
        ? input.suspendedFrom
        : 'registered';
    case 'approve_void':
      return 'voided';
    case 'visit':
      return input.satisfied ? 'visited' : 'handling';
    case 'close':
      return 'archived';
    default:
      // progress, mediate, link, remind, supervise, extension and void requests/refusals keep the status.
      return status;
  }
}

export function isTerminal(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** The loop step whose clock runs in a status (deadlines are set per step), or undefined when none runs. */
export function stepOf(status: CaseStatus): LoopStep | undefined {
  return STEP_OF[status];
}

const STEP_OF: Partial<Record<CaseStatus, LoopStep>> = {
  reported: 'register',
  registered: 'dispatch',
  dispatched: 'accept',
  handling: 'handle',
  feedback: 'verify',
  verified: 'visit',
};
