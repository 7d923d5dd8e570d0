/** The worker app's language: typed `t`, labels of domain values, and dates in the chosen language. */
import type { ActionName, EventType, MissingLabels } from '../../shared/codes.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { localTime } from '../../shared/messages.ts';
import { en } from './en.ts';
import { mn } from './mn.ts';
import { type WorkerKey, zh } from './zh.ts';

export type { WorkerKey } from './zh.ts';
export const dictionaries = { zh, en, mn };

// Every action and history event the API can send has a label (a missing one is a compile error
// naming it); en and mn are complete over zh's keys by their Dictionary type.
export const WORKER_LABELS_COMPLETE: Record<
  MissingLabels<WorkerKey, 'action', ActionName> | MissingLabels<WorkerKey, 'event', EventType>,
  true
> = {};

/** The worker app's i18n (typed keys). */
export function useT() {
  return useI18n<WorkerKey>();
}

/** The label of a domain value (status, action, role…), or the raw value when none is known. */
export function labelOf(t: (key: WorkerKey) => string, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in zh ? t(key as WorkerKey) : value;
}

/** A date and time, short, in the interface language (Beijing time). */
export function formatTime(iso: string | null | undefined, lang: string): string {
  return localTime(iso, lang === 'en' ? 'en' : lang === 'mn' ? 'mn' : 'zh');
}
