/** Vite configuration of each web app, shared by the build script and the bundle-size benchmark. */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { InlineConfig, Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export const WEB_APPS = ['resident', 'worker', 'console'] as const;
export type WebApp = (typeof WEB_APPS)[number];

/** Where each app is served. */
export const WEB_BASE: Record<WebApp, string> = { resident: '/', worker: '/worker/', console: '/console/' };

const MANIFESTS: Record<WebApp, { name: string; short_name: string; theme_color: string } | undefined> = {
  resident: { name: '智治乌审', short_name: '智治乌审', theme_color: '#1677ff' },
  worker: { name: '百姓管家', short_name: '百姓管家', theme_color: '#00875a' },
  console: undefined,
};

/** What each app's page says about itself before its script runs. */
const PAGES: Record<WebApp, { title: string; themeColor?: string; description?: string; viewport: string }> =
  {
    resident: {
      title: '智治乌审',
      themeColor: '#1677ff',
      description: '智治乌审：反映问题和纠纷，查看办理进度',
      viewport: 'width=device-width, initial-scale=1, viewport-fit=cover',
    },
    worker: {
      title: '百姓管家',
      themeColor: '#00875a',
      viewport: 'width=device-width, initial-scale=1, viewport-fit=cover',
    },
    console: { title: '智治 · 综治中心工作台', viewport: 'width=device-width, initial-scale=1.0' },
  };

/** The app's index.html, written from {@link PAGES} (one template, so the three pages cannot drift apart). */
export function appPageHtml(app: WebApp): string {
  const page = PAGES[app];
  const head = [
    '<meta charset="UTF-8" />',
    `<meta name="viewport" content="${page.viewport}" />`,
    page.themeColor ? `<meta name="theme-color" content="${page.themeColor}" />` : '',
    page.description ? `<meta name="description" content="${page.description}" />` : '',
    `<link rel="icon" href="${WEB_BASE[app]}icon.svg" type="image/svg+xml" />`,
    `<title>${page.title}</title>`,
  ].filter(Boolean);
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    `  <head>\n    ${head.join('\n    ')}\n  </head>`,
    '  <body>',
    '    <div id="root"></div>',
    '    <script type="module" src="./main.tsx"></script>',
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}

/** Serves the app's index.html (the build's entry) from {@link appPageHtml}: no page file is kept per app. */
function appPage(app: WebApp): Plugin {
  const entry = path.resolve(`src/web/${app}/index.html`);
  return {
    name: 'zhizhi:app-page',
    enforce: 'pre',
    resolveId: (id) => (path.resolve(`src/web/${app}`, id) === entry || id === entry ? entry : undefined),
    load: (id) => (id === entry ? appPageHtml(app) : undefined),
  };
}

export function webAppConfig(app: WebApp): InlineConfig {
  const manifest = MANIFESTS[app];
  return {
    configFile: false,
    root: `src/web/${app}`,
    base: WEB_BASE[app],
    logLevel: 'warn',
    plugins: [
      appPage(app),
      react(),
      ...(manifest
        ? [
            VitePWA({
              registerType: 'autoUpdate',
              injectRegister: 'script',
              scope: WEB_BASE[app],
              base: WEB_BASE[app],
              manifest: {
                ...manifest,
                lang: 'zh-CN',
                display: 'standalone',
                start_url: WEB_BASE[app],
                scope: WEB_BASE[app],
                background_color: '#ffffff',
                icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
              },
              workbox: {
                // Take control on the first visit, so an app opened once with signal starts offline later.
                clientsClaim: true,
                skipWaiting: true,
                globPatterns: ['**/*.{js,mjs,css,html,svg,woff2,ttf}'],
                navigateFallback: `${WEB_BASE[app]}index.html`,
                navigateFallbackDenylist: [/^\/api\//, /^\/open311\//],
              },
            }),
          ]
        : []),
    ],
    build: {
      outDir: `../../../dist/web/${app}`,
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      rolldownOptions: { input: path.resolve(`src/web/${app}/index.html`) },
    },
  };
}
