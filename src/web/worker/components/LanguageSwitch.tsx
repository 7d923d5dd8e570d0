/** Switches between Simplified Chinese and English. */
import { Button } from 'antd-mobile';
import { useT } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t, lang, setLang } = useT();
  return (
    <Button size="mini" fill="none" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}>
      {t('lang.switch')}
    </Button>
  );
}
