/** The 百姓管家 grid-worker app: sign-in, then Today, a case, Report and Sync behind a tab bar. */
import { Badge, TabBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { ApiError, api, call } from '../shared/api.ts';
import { useT } from './i18n/index.ts';
import { hrefOf, type Route, useRoute } from './router.ts';
import { CasePage } from './screens/CasePage.tsx';
import { ReportPage } from './screens/ReportPage.tsx';
import { SignInPage } from './screens/SignInPage.tsx';
import { SyncPage } from './screens/SyncPage.tsx';
import { TodayPage } from './screens/TodayPage.tsx';
import { signOut, storedMe, storeMe } from './session.ts';
import { useOutboxItems, useRefreshAfterOutbox } from './sync.ts';
import type { Me } from './types.ts';

function Tabs(props: { route: Route }) {
  const { t } = useT();
  const waiting = useOutboxItems().filter((i) => i.status === 'waiting' || i.status === 'sending').length;
  const active = props.route.page === 'case' ? 'today' : props.route.page;
  return (
    <nav className="tabs">
      <TabBar
        activeKey={active}
        onChange={(key) => {
          window.location.hash = hrefOf({ page: key as 'today' | 'report' | 'sync' });
        }}
      >
        <TabBar.Item key="today" title={t('nav.today')} icon={<span aria-hidden="true">☀</span>} />
        <TabBar.Item key="report" title={t('nav.report')} icon={<span aria-hidden="true">＋</span>} />
        <TabBar.Item
          key="sync"
          title={t('nav.sync')}
          icon={
            <Badge content={waiting > 0 ? waiting : null}>
              <span aria-hidden="true">⇅</span>
            </Badge>
          }
        />
      </TabBar>
    </nav>
  );
}

export function App() {
  const [me, setMe] = useState<Me | null>(() => storedMe());
  const route = useRoute();
  const meId = me?.id;
  useRefreshAfterOutbox();

  // With signal, refresh who I am (roles may have changed); a dead session signs out.
  useEffect(() => {
    if (!meId || !navigator.onLine) return;
    call(api.GET('/api/v1/me'))
      .then((fresh) => {
        storeMe(fresh);
        setMe(fresh);
      })
      .catch(async (err) => {
        if (err instanceof ApiError && err.status === 401) {
          await signOut();
          setMe(null);
        }
      });
  }, [meId]);

  if (!me) return <SignInPage onSignedIn={setMe} />;
  return (
    <div className="app">
      <main>
        {route.page === 'today' && <TodayPage me={me} />}
        {route.page === 'case' && <CasePage key={route.id} id={route.id} />}
        {route.page === 'report' && <ReportPage me={me} />}
        {route.page === 'sync' && <SyncPage onSignedOut={() => setMe(null)} />}
      </main>
      <Tabs route={route} />
    </div>
  );
}
