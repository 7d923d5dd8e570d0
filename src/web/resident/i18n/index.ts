/** The resident app's dictionaries and its typed `useI18n`. */
import { useI18n } from '../../shared/i18n.tsx';
import { en } from './en.ts';
import { mn } from './mn.ts';
import { type ResidentKey, zh } from './zh.ts';

export type { ResidentKey };
export const dictionaries = { zh, en, mn };

export { LANGUAGE_NAMES } from '../../shared/i18n.tsx';

/** `useI18n` typed with the resident app's keys. */
export const useT = () => useI18n<ResidentKey>();
