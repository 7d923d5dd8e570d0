/**
 * Every route names its permission (platform/permissions.ts), so a new route cannot forget one:
 * public routes say `public`, not nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routePermissions } from './platform/permissions.ts';
import { createTestApp, type TestApp } from './testing/app.ts';
import { insertUser, signIn, testPasswordHash } from './testing/fixtures.ts';

/**
 * Routes third-party plugins add, which take no route options, all public: the API docs
 * (@fastify/swagger-ui) and, once the web apps are built, their files (@fastify/static's wildcards).
 */
const PLUGIN_ROUTES = /^\/api\/docs(\/|$)|^\/(worker\/|console\/)?\*$/;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('route permissions', () => {
  it('every registered route declares a permission', () => {
    const routes = routePermissions(t.app);
    expect(routes.length).toBeGreaterThan(50);
    const undeclared = routes
      .filter((r) => !r.permission && !PLUGIN_ROUTES.test(r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('names permissions <resource>.<verb> (or public / signed_in)', () => {
    const names = new Set(routePermissions(t.app).flatMap((r) => (r.permission ? [r.permission.name] : [])));
    for (const name of names) expect(name).toMatch(/^(public|signed_in|[a-z0-9_]+(\.[a-z0-9_]+)+)$/);
    expect(names).toContain('public');
    expect(names).toContain('area.manage');
  });

  it('refuses the signed-out with 401 and the role-less with 403 before looking at the body', async () => {
    const post = (headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/v1/areas', headers, payload: { nonsense: 1 } });
    const anonymous = await post();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.key).toBe('auth.sign_in_first');

    await insertUser(t.database.db, { username: 'nobody', passwordHash: await testPasswordHash() });
    const roleLess = await post(await signIn(t.app, 'nobody'));
    expect(roleLess.statusCode).toBe(403);
    expect(roleLess.json().error.key).toBe('forbidden.admin_only');

    await insertUser(t.database.db, {
      username: 'worker',
      passwordHash: await testPasswordHash(),
      assignments: [{ role: 'grid_worker' }],
    });
    const users = await t.app.inject({ url: '/api/v1/users', headers: await signIn(t.app, 'worker') });
    expect(users.statusCode).toBe(403);
    expect(users.json().error).toMatchObject({
      key: 'auth.needs_role',
      params: { roles: ['admin', 'centre_operator'] },
    });
  });
});
