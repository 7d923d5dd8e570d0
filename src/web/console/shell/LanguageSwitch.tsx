/** 中文 / English switch. */
import { Button, Space } from 'antd';
import type { Lang } from '../../shared/i18n.tsx';
import { useConsoleI18n } from './use-console-i18n.ts';

const LANG_NAMES: Record<Lang, string> = { zh: '中文', en: 'English', mn: 'ᠮᠣᠩᠭᠣᠯ' };

export function LanguageSwitch() {
  const { lang, langs, setLang, t } = useConsoleI18n();
  return (
    <Space.Compact role="group" aria-label={t('shell.language')}>
      {langs.map((l) => (
        <Button
          key={l}
          type={l === lang ? 'primary' : 'default'}
          aria-pressed={l === lang}
          onClick={() => setLang(l)}
        >
          {LANG_NAMES[l]}
        </Button>
      ))}
    </Space.Compact>
  );
}
