/** The console: sign-in, then the page for the current path inside the layout. */
import { Result, Spin } from 'antd';
import { type JSX, Suspense, useEffect } from 'react';
import { lazyPage } from '../shared/lazy-page.ts';
import { adminPagesFor } from './admin-pages.ts';
import { ConsoleLayout } from './shell/ConsoleLayout.tsx';
import { navigate, useLocation } from './shell/router.ts';
import { SignInPage } from './shell/SignInPage.tsx';
import { useSession } from './shell/session.tsx';
import { useConsoleI18n } from './shell/use-console-i18n.ts';

// Pages load by route (code splitting): the first load carries only the shell.
const CaseListPage = lazyPage(() => import('./cases/CaseListPage.tsx').then((m) => m.CaseListPage));
const CasePage = lazyPage(() => import('./cases/CasePage.tsx').then((m) => m.CasePage));
const NotificationsPage = lazyPage(() =>
  import('./notifications/NotificationsPage.tsx').then((m) => m.NotificationsPage),
);

export function App() {
  const { session, checking } = useSession();
  const { t } = useConsoleI18n();
  const { path, search } = useLocation();

  useEffect(() => {
    if (path === '/' || path === '') navigate('/cases', { replace: true });
  }, [path]);

  if (checking) return <Spin fullscreen tip={t('shell.loading')} />;
  if (!session) return <SignInPage />;

  const adminPages = adminPagesFor(session.roles);
  const segments = path.split('/').filter(Boolean);
  let page: JSX.Element;
  if (segments[0] === 'cases' && segments.length === 1) page = <CaseListPage search={search} />;
  else if (segments[0] === 'cases' && segments[1]) page = <CasePage key={segments[1]} caseId={segments[1]} />;
  else if (segments[0] === 'notifications') page = <NotificationsPage />;
  else if (segments[0] === 'admin' && segments[1]) {
    const admin = adminPages.find((p) => p.key === segments[1]);
    page = admin ? <admin.Page /> : <Result status="403" title={t('shell.forbidden')} />;
  } else page = <Result status="404" title={t('shell.notFound')} />;

  return (
    <ConsoleLayout path={path} adminPages={adminPages}>
      <Suspense key={segments.slice(0, 2).join('/')} fallback={<Spin />}>
        {page}
      </Suspense>
    </ConsoleLayout>
  );
}
