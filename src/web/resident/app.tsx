/** The app shell: sign-in gate, the three pages, the language switch and the offline notice. */
import { NoticeBar, TabBar } from 'antd-mobile';
import { useEffect, useId } from 'react';
import type { Lang } from '../shared/i18n.tsx';
import { useOnline } from '../shared/online.ts';
import { AccountPage } from './account/AccountPage.tsx';
import { SignInPage } from './account/SignInPage.tsx';
import { CasePage } from './cases/CasePage.tsx';
import { MyCasesPage } from './cases/MyCasesPage.tsx';
import { LANGUAGE_NAMES, useT } from './i18n/index.ts';
import { ReportPage } from './report/ReportPage.tsx';
import { navigate, useRoute } from './router.ts';
import { useSession } from './session.ts';

function LanguageSwitch() {
  const { t, lang, langs, setLang } = useT();
  const id = useId();
  return (
    <div className="language">
      <label htmlFor={id}>{t('language')}</label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        {langs.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function App() {
  const { t, lang } = useT();
  const route = useRoute();
  const online = useOnline();
  const session = useSession();

  useEffect(() => {
    document.title = t('appName');
  }, [t]);

  // On a case page no tab is active, so that tapping 我的事项 goes back to the list.
  const tab = route.page === 'case' ? null : route.page;
  return (
    <div className={`app lang-${lang}`} data-lang={lang}>
      <header className="top">
        <span className="brand">{t('appName')}</span>
        <LanguageSwitch />
      </header>
      {!online && <NoticeBar content={t('offlineBanner')} color="alert" wrap />}
      <main className="content">
        {!session.user ? (
          <SignInPage onSignedIn={session.signedIn} />
        ) : route.page === 'report' ? (
          <ReportPage />
        ) : route.page === 'cases' ? (
          <MyCasesPage />
        ) : route.page === 'case' ? (
          <CasePage key={route.id} id={route.id} />
        ) : (
          <AccountPage user={session.user} onSignOut={session.signOut} />
        )}
      </main>
      {session.user && (
        <nav className="tabs" aria-label={t('appName')}>
          <TabBar activeKey={tab} onChange={(key) => navigate({ page: key as 'report' | 'cases' | 'me' })}>
            <TabBar.Item key="report" title={t('navReport')} icon={<span aria-hidden="true">✎</span>} />
            <TabBar.Item key="cases" title={t('navCases')} icon={<span aria-hidden="true">☰</span>} />
            <TabBar.Item key="me" title={t('navAccount')} icon={<span aria-hidden="true">◉</span>} />
          </TabBar>
        </nav>
      )}
    </div>
  );
}
