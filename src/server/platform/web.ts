/**
 * Serves the built web apps (dist/web/<app>, see scripts/build-web.ts): files as they are, and the
 * app's index.html for any other page path, so deep links and reloads work (single-page apps).
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './http.ts';
import { PUBLIC } from './permissions.ts';

const APPS = [
  { prefix: '/worker/', dir: 'worker' },
  { prefix: '/console/', dir: 'console' },
  { prefix: '/', dir: 'resident' },
] as const;

/** Registers the apps that are built; returns a handler for page paths no file matched. */
export async function registerWebApps(app: App, webRoot = path.resolve('dist/web')) {
  const built = APPS.filter((a) => fs.existsSync(path.join(webRoot, a.dir, 'index.html')));
  for (const [i, a] of built.entries()) {
    await app.register(fastifyStatic, {
      root: path.join(webRoot, a.dir),
      prefix: a.prefix,
      decorateReply: i === 0,
      wildcard: true,
      index: ['index.html'],
      // The service worker and the HTML must never be cached, or a phone keeps an old app.
      setHeaders(res, file) {
        if (/\.(html|webmanifest)$|sw\.js$|registerSW\.js$/.test(file))
          res.header('cache-control', 'no-cache');
        else if (/\/assets\//.test(file)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  if (built.length === 0) {
    app.get('/', { schema: { hide: true }, config: { permission: PUBLIC } }, (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<p>The web apps are not built: run <code>npm run build:web</code>. API docs: <a href="/api/docs">/api/docs</a></p>',
        ),
    );
  }
  /** The page fallback: index.html of the app whose prefix the path starts with. */
  return function pageFallback(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.method !== 'GET' || !request.headers.accept?.includes('text/html')) return false;
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url.startsWith('/open311/')) return false;
    const target = built.find((a) => url === a.prefix.slice(0, -1) || url.startsWith(a.prefix));
    if (!target) return false;
    reply.header('cache-control', 'no-cache');
    void reply.sendFile('index.html', path.join(webRoot, target.dir));
    return true;
  };
}
