/** Start-up of the 百姓管家 grid-worker app. */
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider, useI18n } from '../shared/i18n.tsx';
import { App } from './App.tsx';
import { dictionaries } from './i18n/index.ts';
import './styles.css';
import './mongolian.css';

// antd-mobile 5 under React 19: Toast and Dialog render nothing until they are given React 19's root API.
unstableSetRender((node, container) => {
  const root = createRoot(container);
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve));
    root.unmount();
  };
});

function Localised() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <App />
    </ConfigProvider>
  );
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <I18nProvider dictionaries={dictionaries}>
        <Localised />
      </I18nProvider>
    </StrictMode>,
  );
}
