/** Vite configuration of each web app, shared by the build script and the bundle-size benchmark. */
import react from '@vitejs/plugin-react';
import type { InlineConfig } from 'vite';
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

export function webAppConfig(app: WebApp): InlineConfig {
  const manifest = MANIFESTS[app];
  return {
    configFile: false,
    root: `src/web/${app}`,
    base: WEB_BASE[app],
    logLevel: 'warn',
    plugins: [
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
    },
  };
}
