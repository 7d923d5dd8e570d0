/** Switches the interface language: one button for each of the other languages, named in itself. */
import { Button } from 'antd-mobile';
import { LANGUAGE_NAMES } from '../../shared/i18n.tsx';
import { useT } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t, lang, langs, setLang } = useT();
  return (
    <span className="language-switch" title={t('lang.switch')}>
      {langs
        .filter((other) => other !== lang)
        .map((other) => (
          <Button key={other} size="mini" fill="none" onClick={() => setLang(other)}>
            {LANGUAGE_NAMES[other]}
          </Button>
        ))}
    </span>
  );
}
