/** The console's i18n: its typed `t`, and a name picker for things named in both languages. */
import { useI18n } from '../../shared/i18n.tsx';
import { localTime } from '../../shared/messages.ts';
import { localName } from '../../shared/vocabulary.ts';
import type { ConsoleKey } from '../i18n.ts';

/** Something the API names in Chinese and English (and Mongolian, where given). */
export interface Named {
  nameZh: string;
  nameEn: string;
  nameMn?: string | null;
}

export function useConsoleI18n() {
  const i18n = useI18n<ConsoleKey>();
  return {
    ...i18n,
    /** The name in the current language (Chinese where it has none). */
    nameOf: (item: Named) => localName(item, i18n.lang),
    /** A `{ zh, en, mn? }` name in the current language (Chinese where it has none). */
    pick: (pair: { zh: string; en: string; mn?: string | null }) => localName(pair, i18n.lang),
    /** A date-time in the viewer's language, Asia/Shanghai (12月2日 14:15). */
    when: (iso: string) => localTime(iso, i18n.lang),
  };
}
