/** Start-up of the console: antd in the interface language, the session, the app. */
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../shared/i18n.tsx';
import { createQueryClient, QueryProvider } from '../shared/query.tsx';
import { App } from './App.tsx';
import { CONSOLE_EN, CONSOLE_ZH } from './i18n.ts';
import { SessionProvider } from './shell/session.tsx';
import { useConsoleI18n } from './shell/use-console-i18n.ts';
import './console.css';

const dictionaries = { zh: CONSOLE_ZH, en: CONSOLE_EN };

function Themed(props: { children: ReactNode }) {
  const { lang } = useConsoleI18n();
  // antd's date pickers take month and weekday names from dayjs's global locale.
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1d4ed8' } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{props.children}</AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('no #root');
createRoot(container).render(
  <QueryProvider client={createQueryClient()}>
    <I18nProvider dictionaries={dictionaries}>
      <Themed>
        <SessionProvider>
          <App />
        </SessionProvider>
      </Themed>
    </I18nProvider>
  </QueryProvider>,
);
