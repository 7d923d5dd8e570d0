/**
 * Start-up of a phone app (resident 智治乌审, grid worker 百姓管家): antd-mobile made to render under
 * React 19, its own words (pickers, dialogs) in the interface language — Mongolian has no antd-mobile
 * locale, so Chinese there — the app inside the language provider, and the styles both apps share
 * (phone.css, phone-mongolian.css; before the app's own), and its TanStack Query client (query.tsx).
 */
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { type ComponentType, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { type Dictionary, I18nProvider, type Lang, useI18n } from './i18n.tsx';
import { createQueryClient, QueryProvider } from './query.tsx';
import './phone.css';
import './phone-mongolian.css';

// antd-mobile 5 renders Toast and Dialog with the React 18 API unless told how under React 19.
unstableSetRender((node, container) => {
  const root = createRoot(container);
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve));
    root.unmount();
  };
});

function Localised(props: { app: ComponentType }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <props.app />
    </ConfigProvider>
  );
}

/** Renders `app` into the page's #root with its dictionaries. */
export function startMobileApp<K extends string>(
  app: ComponentType,
  dictionaries: Partial<Record<Lang, Dictionary<K>>> & { zh: Dictionary<K> },
): void {
  const rootElement = document.getElementById('root');
  if (!rootElement) return;
  createRoot(rootElement).render(
    <StrictMode>
      <QueryProvider client={createQueryClient()}>
        <I18nProvider dictionaries={dictionaries}>
          <Localised app={app} />
        </I18nProvider>
      </QueryProvider>
    </StrictMode>,
  );
}
