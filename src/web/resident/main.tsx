/** Start-up of the 智治乌审 resident app. */
import { unstableSetRender } from 'antd-mobile';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../shared/i18n.tsx';
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

const rootElement = document.getElementById('root');
if (rootElement) {
  createRoot(rootElement).render(
    <StrictMode>
      <I18nProvider dictionaries={dictionaries}>
        <App />
      </I18nProvider>
    </StrictMode>,
  );
}
