/** Sign-in, sign-out and "who am I". */
import { Type } from 'typebox';
import { type App, errorResponses, requireActor, SESSION_COOKIE } from '../../platform/http.ts';
import { PUBLIC, SIGNED_IN } from '../../platform/permissions.ts';
import type { Actor } from './actor.ts';
import type { AuthService } from './auth.ts';

const Assignment = Type.Object({
  role: Type.String(),
  areaId: Type.Union([Type.String(), Type.Null()]),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
});
const Me = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    assignments: Type.Array(Assignment),
  },
  { $id: 'Me' },
);

export function presentActor(actor: Actor) {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    assignments: actor.assignments.map((a) => ({
      role: a.role,
      areaId: a.areaId,
      departmentId: a.departmentId,
      title: a.title,
    })),
  };
}

export function registerAuthRoutes(app: App, auth: AuthService): void {
  app.addSchema(Me);
  app.post(
    '/api/v1/auth/login',
    {
      config: { permission: PUBLIC },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with username (or phone) and password; returns a bearer token and sets an httpOnly cookie. Failed sign-ins are throttled per account and address (429 with Retry-After)',
        security: [],
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 100 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: {
          200: Type.Object({ token: Type.String(), expiresAt: Type.String(), user: Type.Ref('Me') }),
          ...errorResponses,
          429: Type.Ref('Error'),
        },
      },
    },
    async (request, reply) => {
      const { token, expiresAt, actor } = await auth.login(
        request.body.username,
        request.body.password,
        request.ip,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        // Over TLS (directly, or per X-Forwarded-Proto from a trusted proxy) the cookie never leaves it.
        secure: request.protocol === 'https',
        expires: new Date(expiresAt),
      });
      return { token, expiresAt, user: presentActor(actor) };
    },
  );
  app.post(
    '/api/v1/auth/logout',
    {
      config: { permission: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: the token stops working',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      if (request.sessionToken) await auth.logout(request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/me',
    {
      config: { permission: SIGNED_IN },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and their roles',
        response: { 200: Type.Ref('Me'), ...errorResponses },
      },
    },
    async (request) => presentActor(requireActor(request)),
  );
}
