/** Start-up of the 智治乌审 resident app. */
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider, useI18n } from '../shared/i18n.tsx';
import { App } from './app.tsx';
import { dictionaries } from './i18n/index.ts';
import './styles.css';

// antd-mobile 5 renders Toast and Dialog with the React 18 API unless told how under React 19.
unstableSetRender((node, container) => {
  const root = createRoot(container);
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve));
    root.unmount();
  };
});

/** antd-mobile's own words (pickers, dialogs) in the interface language; Mongolian has none, so Chinese. */
function Localised() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <App />
    </ConfigProvider>
  );
}

const rootElement = document.getElementById('root');
if (rootElement) {
  createRoot(rootElement).render(
    <StrictMode>
      <I18nProvider dictionaries={dictionaries}>
        <Localised />
      </I18nProvider>
    </StrictMode>,
  );
}
