import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { AppError } from './errors.ts';
import { checkPermission, definePermission, PUBLIC, SIGNED_IN } from './permissions.ts';

const actor = (...roles: Actor['assignments'][number]['role'][]): Actor => ({
  userId: 'u1',
  username: 'u1',
  displayName: 'U',
  assignments: roles.map((role) => ({
    role,
    areaId: null,
    areaPath: null,
    areaDepth: null,
    departmentId: null,
    title: null,
  })),
});

const ADMIN_THING = definePermission({
  name: 'test.admin_thing',
  holders: ['admin'],
  scope: 'test',
  refusal: { key: 'forbidden.admin_only' },
});
const OPERATOR_THING = definePermission({
  name: 'test.operator_thing',
  holders: ['admin', 'centre_operator'],
  scope: 'test',
  policy: (a) => a.username !== 'blocked',
});

function refusal(run: () => unknown): { status: number; key: string; params: unknown } | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { status: e.status, key: e.key, params: e.params };
  }
}

describe('checkPermission', () => {
  it('lets anyone through a public permission', () => {
    expect(refusal(() => checkPermission(undefined, PUBLIC))).toBeUndefined();
  });

  it('refuses the signed-out with 401', () => {
    expect(refusal(() => checkPermission(undefined, SIGNED_IN))?.status).toBe(401);
    expect(refusal(() => checkPermission(undefined, ADMIN_THING))).toMatchObject({
      status: 401,
      key: 'auth.sign_in_first',
    });
  });

  it('admits anyone signed in to signed_in, even without a role', () => {
    expect(refusal(() => checkPermission(actor(), SIGNED_IN))).toBeUndefined();
  });

  it('refuses a caller without a holding role with 403 and the permission’s key', () => {
    expect(refusal(() => checkPermission(actor(), ADMIN_THING))).toMatchObject({
      status: 403,
      key: 'forbidden.admin_only',
    });
    expect(refusal(() => checkPermission(actor('leader'), OPERATOR_THING))).toMatchObject({
      status: 403,
      key: 'auth.needs_role',
      params: { roles: ['admin', 'centre_operator'] },
    });
    expect(refusal(() => checkPermission(actor('centre_operator'), OPERATOR_THING))).toBeUndefined();
  });

  it('asks the permission’s policy after the roles', () => {
    const blocked = { ...actor('admin'), username: 'blocked' };
    expect(refusal(() => checkPermission(blocked, OPERATOR_THING))?.status).toBe(403);
  });

  it('refuses two different permissions under one name', () => {
    expect(() => definePermission({ name: 'test.admin_thing', holders: ['leader'], scope: 'x' })).toThrow();
  });
});
