/**
 * The administration pages' own strings: the shell's I18nProvider says which language is on, and
 * this picks from the admin dictionaries (Mongolian, where the shell offers it, falls back to Chinese).
 */
import { type Lang, useI18n } from '../../../shared/i18n.tsx';
import { localName } from '../../../shared/vocabulary.ts';
import { ADMIN_EN, ADMIN_ZH, type AdminKey } from '../i18n.ts';

/** A name in the three languages an area or a catalogue entry carries. */
export interface Named {
  nameZh: string;
  nameEn: string;
  nameMn?: string | null;
}

export interface AdminI18n {
  lang: Lang;
  /** The string for `key`, with `{name}` placeholders filled from `vars`. */
  t(key: AdminKey, vars?: Record<string, string | number>): string;
  /** The name of an area, department or case type in the current language. */
  nameOf(item: Named): string;
  /** A role (网格长 …) in the current language. */
  roleLabel(role: string): string;
  /** An area kind (苏木镇 …) in the current language. */
  kindLabel(kind: string): string;
}

function fill(text: string, vars?: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));
}

/** Strings, names and labels of the administration pages in the shell's current language. */
export function useAdminI18n(): AdminI18n {
  const { lang } = useI18n<string>();
  const dict = lang === 'en' ? ADMIN_EN : ADMIN_ZH;
  const lookup = (key: string): string | undefined => (dict as Record<string, string>)[key];
  return {
    lang,
    t: (key, vars) => fill(dict[key], vars),
    nameOf: (item) => localName(item, lang),
    roleLabel: (role) => lookup(`role.${role}`) ?? role,
    kindLabel: (kind) => lookup(`kind.${kind}`) ?? kind,
  };
}
