/**
 * Builds the Fastify application from its dependencies. The CLI's `serve`, the tests and the
 * benchmarks all build it here, so what is tested is what runs.
 */

import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { DatabaseHandle } from './database.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { englishOf } from './platform/errors.ts';
import { registerHealthRoutes } from './platform/health.ts';
import { type App, ErrorBody, errorHandler, rejectUnstorableInput, SESSION_COOKIE } from './platform/http.ts';
import { describeResponses } from './platform/openapi-responses.ts';
import { enforcePermissions, PUBLIC } from './platform/permissions.ts';
import type { PersonalDataCipher } from './platform/personal-data.ts';
import { checkCookieRequest, securityHeaders } from './platform/security.ts';
import { registerWebApps } from './platform/web.ts';
import { registerModules, type Services } from './services.ts';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  cipher: PersonalDataCipher;
  logger?: FastifyServerOptions['logger'];
  /** Where the built web apps are (default dist/web). */
  webRoot?: string;
}

export interface BuiltApp {
  app: App;
  services: Services;
}

/** Largest request body accepted (photos are uploaded separately). */
const BODY_LIMIT = 1024 * 1024;

export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const app: App = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: BODY_LIMIT,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    routerOptions: { maxParamLength: 200 },
    // Bad percent-escapes and over-long path parameters get the one error shape too.
    frameworkErrors: errorHandler,
    // X-Forwarded-* are believed only from the configured proxies (issue 7 #8).
    trustProxy: deps.config.trustedProxies.length > 0 ? deps.config.trustedProxies : false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(errorHandler);
  // A PostgreSQL restart drops connections outside any request: log it; the pool reconnects.
  deps.database.onConnectionError((err) => app.log.warn({ err }, 'database connection lost; reconnecting'));
  let pageFallback: ((request: FastifyRequest, reply: FastifyReply) => boolean) | undefined;
  app.setNotFoundHandler((request, reply) => {
    if (pageFallback?.(request, reply)) return reply;
    return reply.status(404).send({
      error: {
        code: 'not_found',
        message: englishOf('request.route_not_found'),
        key: 'request.route_not_found',
        params: {},
      },
    });
  });
  app.addSchema(ErrorBody);
  // Before any route: every route's declared permission is checked in one place (platform/permissions.ts).
  enforcePermissions(app);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Zhizhi 智治 API',
        version: '1',
        description:
          'Grid-based community governance: areas and grids, the six-step case loop, the five-level escalation chain and a tamper-evident history.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `schema${i}`) },
    transformObject: (document) =>
      'openapiObject' in document
        ? describeResponses(document.openapiObject as Parameters<typeof describeResponses>[0])
        : document.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionToken', undefined);

  const services = registerModules(app, deps);

  app.addHook('onSend', securityHeaders);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const token = bearer ?? request.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    request.sessionToken = token;
    request.actor = await services.auth.authenticate(token);
    if (bearer === undefined && request.actor) checkCookieRequest(request);
  });

  app.addHook('preHandler', rejectUnstorableInput);

  registerHealthRoutes(app, deps.database);
  pageFallback = await registerWebApps(app, deps.webRoot);
  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { permission: PUBLIC } }, async () =>
    app.swagger(),
  );

  await app.ready();
  return { app, services };
}
