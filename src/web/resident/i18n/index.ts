/** The resident app's dictionaries and its typed `useI18n`. */
import { type Lang, useI18n } from '../../shared/i18n.tsx';
import { en } from './en.ts';
import { mn } from './mn.ts';
import { type ResidentKey, zh } from './zh.ts';

export type { ResidentKey };
export const dictionaries = { zh, en, mn };

/** Each language's name, in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<Lang, string> = { zh: '中文', en: 'English', mn: 'ᠮᠣᠩᠭᠣᠯ' };

/** `useI18n` typed with the resident app's keys. */
export const useT = () => useI18n<ResidentKey>();
