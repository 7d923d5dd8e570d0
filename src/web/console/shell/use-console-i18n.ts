/** The console's i18n: its typed `t`, and a name picker for things named in both languages. */
import { useI18n } from '../../shared/i18n.tsx';
import { localTime } from '../../shared/messages.ts';
import type { ConsoleKey } from '../i18n.ts';

/** Something the API names in Chinese and English. */
export interface Named {
  nameZh: string;
  nameEn: string;
}

export function useConsoleI18n() {
  const i18n = useI18n<ConsoleKey>();
  const en = i18n.lang === 'en';
  return {
    ...i18n,
    /** The name in the current language. */
    nameOf: (item: Named) => (en ? item.nameEn : item.nameZh),
    /** A `{ zh, en }` pair in the current language. */
    pick: (pair: { zh: string; en: string }) => (en ? pair.en : pair.zh),
    /** A date-time in the viewer's language, Asia/Shanghai (12月2日 14:15). */
    when: (iso: string) => localTime(iso, i18n.lang),
  };
}
