/**
 * Interface language: Simplified Chinese by default, English complete, and — where an app ships
 * it — traditional Mongolian (written vertically). Each app passes its own dictionaries; a missing
 * English or Mongolian string is a type error, not a blank on screen.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export type Lang = 'zh' | 'en' | 'mn';
export type Dictionary<K extends string> = Record<K, string>;

/** Each language's name, in itself, for the language switches. */
export const LANGUAGE_NAMES: Record<Lang, string> = { zh: '中文', en: 'English', mn: 'ᠮᠣᠩᠭᠣᠯ' };

/** The `lang` attribute of the page for an interface language (styles select Mongolian by it). */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : lang === 'mn' ? 'mn-Mong' : 'en';
}

/** Where the chosen interface language is kept (also read outside React, e.g. by error messages). */
export const LANG_KEY = 'zhizhi.lang';

interface I18n<K extends string> {
  lang: Lang;
  langs: Lang[];
  setLang(lang: Lang): void;
  /** The string for `key`, with `{name}` placeholders filled from `vars`. */
  t(key: K, vars?: Record<string, string | number>): string;
}

// biome-ignore lint/suspicious/noExplicitAny: the context is typed per app by useI18n's type parameter
const I18nContext = createContext<I18n<any> | undefined>(undefined);

export function I18nProvider<K extends string>(props: {
  dictionaries: Partial<Record<Lang, Dictionary<K>>> & { zh: Dictionary<K> };
  children: ReactNode;
}) {
  const langs = Object.keys(props.dictionaries) as Lang[];
  const saved = localStorage.getItem(LANG_KEY) as Lang | null;
  const [lang, setLangState] = useState<Lang>(saved && langs.includes(saved) ? saved : 'zh');
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    setLangState(next);
  }, []);
  // Also on start-up, so a page reopened in Mongolian is styled as Mongolian at once.
  useEffect(() => {
    document.documentElement.lang = htmlLang(lang);
  }, [lang]);
  const value = useMemo<I18n<K>>(() => {
    const dict = props.dictionaries[lang] ?? props.dictionaries.zh;
    return {
      lang,
      langs,
      setLang,
      t: (key, vars) =>
        (dict[key] ?? props.dictionaries.zh[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) =>
          String(vars?.[name] ?? `{${name}}`),
        ),
    };
  }, [lang, langs, setLang, props.dictionaries]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n<K extends string>(): I18n<K> {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value as I18n<K>;
}
