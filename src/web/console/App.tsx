/** The console: sign-in, then the page for the current path inside the layout. */
import { Result, Spin } from 'antd';
import { type JSX, useEffect } from 'react';
import { adminPagesFor } from './admin-pages.ts';
import { CaseListPage } from './cases/CaseListPage.tsx';
import { CasePage } from './cases/CasePage.tsx';
import { NotificationsPage } from './notifications/NotificationsPage.tsx';
import { ConsoleLayout } from './shell/ConsoleLayout.tsx';
import { navigate, useLocation } from './shell/router.ts';
import { SignInPage } from './shell/SignInPage.tsx';
import { useSession } from './shell/session.tsx';
import { useConsoleI18n } from './shell/use-console-i18n.ts';

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
      {page}
    </ConsoleLayout>
  );
}
