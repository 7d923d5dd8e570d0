/** A case's history in plain words for the person who reported it (received, assigned to …, escalated because …). */
import type { Lang } from '../../shared/i18n.tsx';
import { statusLabel } from '../../shared/vocabulary.ts';
import type { ResidentKey } from '../i18n/index.ts';

export interface HistoryEvent {
  seq: number;
  type: string;
  at: string;
  payload: unknown;
}

/** Names the case page knows: people and departments among the case's parties, and case-type names. */
export interface Names {
  user(id: string): string | undefined;
  department(id: string): string | undefined;
  caseType(code: string): string;
}

type T = (key: ResidentKey, vars?: Record<string, string | number>) => string;

const LEVEL_KEYS: Record<number, ResidentKey> = {
  1: 'level1',
  2: 'level2',
  3: 'level3',
  4: 'level4',
  5: 'level5',
};
const REASON_KEYS: Record<string, ResidentKey> = {
  mediation_failed: 'evBecauseMediationFailed',
  beyond_authority: 'evBecauseBeyondAuthority',
  overdue: 'evBecauseOverdue',
};
const OUTCOME_KEYS: Record<string, ResidentKey> = {
  success: 'evMediationSuccess',
  failed: 'evMediationFailed',
  partial: 'evMediationPartial',
};
/** Events a resident has no use for (internal requests and deadline reminders). */
const HIDDEN = new Set([
  'deadline_near',
  'extension_requested',
  'extension_approved',
  'extension_refused',
  'void_requested',
  'void_refused',
  'supervision_overdue',
  'deadline_changed',
]);

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** One history entry in plain words, or null when a resident need not see it. */
export function describeEvent(event: HistoryEvent, t: T, names: Names): string | null {
  if (HIDDEN.has(event.type)) return null;
  const p = (event.payload ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'reported':
      return t('evReported');
    case 'registered':
      return t('evRegistered', { type: names.caseType(str(p.caseType)) });
    case 'dispatched': {
      const who = [
        ...ids(p.handlerIds).map((id) => names.user(id)),
        ...ids(p.departmentIds).map((id) => names.department(id)),
      ].filter((n): n is string => !!n);
      return t('evDispatched', { who: who.length ? who.join('、') : t('someone') });
    }
    case 'accepted':
      return t('evAccepted');
    case 'progress_recorded':
      return t('evProgress', { note: str(p.note) });
    case 'mediation_recorded':
      return t('evMediated', { outcome: t(OUTCOME_KEYS[str(p.outcome)] ?? 'evOther') });
    case 'escalated': {
      const level = LEVEL_KEYS[Number(p.toLevel)] ?? 'level1';
      const reason = t(REASON_KEYS[str(p.reason)] ?? 'evOther');
      const note = str(p.note);
      return t('evEscalated', { level: t(level), reason: note ? `${reason}（${note}）` : reason });
    }
    case 'feedback_submitted':
      return t('evFeedback', { result: str(p.result) });
    case 'verified':
      return t('evVerified');
    case 'rework_requested':
      return t('evRework', { reason: str(p.reason) });
    case 'visited':
      return t('evVisited');
    case 'reopened':
      return t('evReopened');
    case 'archived':
      return t('evArchived');
    case 'rejected':
      return t('evRejected', { reason: str(p.reason) });
    case 'merged':
      return t('evMerged');
    case 'suspended':
      return t('evSuspended', { reason: str(p.reason) });
    case 'resumed':
      return t('evResumed');
    case 'voided':
      return t('evVoided');
    case 'resolved_on_spot':
      return t('evOnSpot', { result: str(p.result) });
    case 'supervised':
      return t('evSupervised');
    case 'reminded':
      return t('evReminded');
    case 'sent_back':
      return t('evSentBack');
    case 'collaborators_linked':
      return t('evLinked');
    case 'overdue':
      return t('evOverdue');
    default:
      return t('evOther');
  }
}

/** A case status in plain words: the shared vocabulary's name for it (one name in every app). */
export function statusWord(status: string, lang: Lang): string {
  return statusLabel(status, lang);
}
