/**
 * HTTP routes of people administration (SPEC §3): accounts and role assignments (administrators;
 * centre operators read inside their own area), resident self-registration, own password change,
 * and the logged full view of a phone number (SPEC §2).
 */
import { type TSchema, Type } from 'typebox';
import { ROLES } from '../../../shared/domain.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { type App, errorResponses, requireActor } from '../../platform/http.ts';
import { definePermission, PUBLIC, SIGNED_IN } from '../../platform/permissions.ts';
import { type Actor, hasRole, isWithin } from './actor.ts';
import type { UsersService } from './users.ts';

/** Finds the grid of a home location (the area service's `gridOf`), for residents who know no grid ids. */
export interface HomeGridPort {
  gridOf(lng: number, lat: number): Promise<{ gridId: string } | undefined>;
}

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const UserAssignment = Type.Object(
  {
    id: Type.String(),
    role: Type.String(),
    areaId: Nullable(Type.String()),
    areaName: Nullable(Type.String()),
    departmentId: Nullable(Type.String()),
    departmentName: Nullable(Type.String()),
    title: Nullable(Type.String()),
    createdAt: Type.String(),
  },
  { $id: 'UserAssignment' },
);

const User = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    phone: Nullable(Type.String({ description: 'masked, e.g. 138****5678' })),
    active: Type.Boolean(),
    passwordIsDemo: Type.Boolean(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    assignments: Type.Array(Type.Ref('UserAssignment')),
  },
  { $id: 'User' },
);

const AssignmentBody = Type.Object(
  {
    role: Type.Enum(ROLES),
    areaId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    departmentId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    title: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  },
  { additionalProperties: false },
);

const UserParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const NoContent = { 204: Type.Null() };

/**
 * The area subtrees whose people the actor may see: undefined for an administrator (everyone),
 * a centre operator's own areas otherwise (综治中心 sees its own town or banner).
 */
function reachOf(actor: Actor): readonly string[] | undefined {
  if (hasRole(actor, 'admin')) return undefined;
  return actor.assignments
    .filter((a) => a.role === 'centre_operator' && a.areaPath !== null)
    .map((a) => a.areaPath as string);
}

/** 查看人员: administrators see everyone, centre operators the people inside their own areas. */
const USER_READ = definePermission({
  name: 'user.read',
  holders: ['admin', 'centre_operator'],
  scope: 'admin: everyone; centre_operator: people assigned inside their own areas',
});
/** 人员管理: accounts, passwords and assignments. */
const USER_MANAGE = definePermission({ name: 'user.manage', holders: ['admin'], scope: 'every account' });

/** 403 unless the user is assigned somewhere inside the actor's reach. */
async function requireInReach(users: UsersService, actor: Actor, userId: string): Promise<void> {
  const reach = reachOf(actor);
  if (reach === undefined) return;
  const paths = await users.areaPathsOf(userId);
  if (!paths.some((p) => reach.some((r) => isWithin(p, r)))) {
    throw forbidden('forbidden.person_outside_area');
  }
}

/** Registers the people-administration routes. */
export function registerUserRoutes(app: App, users: UsersService, homeGrid?: HomeGridPort): void {
  app.addSchema(UserAssignment);
  app.addSchema(User);

  app.get(
    '/api/v1/users',
    {
      config: { permission: USER_READ },
      schema: {
        tags: ['people'],
        summary: 'List users (administrators: everyone; centre operators: people assigned inside their area)',
        querystring: Type.Object({
          areaId: Type.Optional(
            Type.String({ maxLength: 100, description: 'assigned in this area or below' }),
          ),
          role: Type.Optional(Type.Enum(ROLES)),
          q: Type.Optional(
            Type.String({
              maxLength: 100,
              description: 'part of the username or name, or a whole phone number (exact match)',
            }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('User')),
            total: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { areaId, role, q, limit, offset } = request.query;
      const withinPaths = reachOf(actor);
      const page = await users.listUsers({
        limit,
        offset,
        ...(areaId === undefined ? {} : { areaId }),
        ...(role === undefined ? {} : { role }),
        ...(q === undefined ? {} : { q }),
        ...(withinPaths === undefined ? {} : { withinPaths }),
      });
      return { ...page, limit, offset };
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { permission: USER_MANAGE },
      schema: {
        tags: ['people'],
        summary: 'Create a user with their roles (administrators)',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 50 }),
            displayName: Type.String({ minLength: 1, maxLength: 100 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
            assignments: Type.Array(AssignmentBody, { minItems: 1, maxItems: 50 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('User'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await users.createUser(request.body);
      return reply.status(201).send(user);
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { permission: USER_READ },
      schema: {
        tags: ['people'],
        summary: 'One user with their roles (phone masked)',
        params: UserParams,
        response: { 200: Type.Ref('User'), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = await users.getUser(request.params.id);
      await requireInReach(users, actor, user.id);
      return user;
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: USER_MANAGE },
      schema: {
        tags: ['people'],
        summary: 'Rename, enable or disable a user (administrators); disabling ends their sessions',
        params: UserParams,
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('User'), ...errorResponses },
      },
    },
    async (request) => {
      return users.updateUser(request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      config: { permission: USER_MANAGE },
      schema: {
        tags: ['people'],
        summary: 'Set a new password for a user (administrators); ends their sessions',
        params: UserParams,
        body: Type.Object(
          { password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { ...NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await users.getUser(request.params.id);
      await users.resetPassword(user.username, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/users/:id/assignments',
    {
      config: { permission: USER_MANAGE },
      schema: {
        tags: ['people'],
        summary: 'Give a user a role in an area or department (administrators)',
        params: UserParams,
        body: AssignmentBody,
        response: { 201: Type.Ref('UserAssignment'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const made = await users.addAssignment(request.params.id, request.body);
      return reply.status(201).send(made);
    },
  );

  app.delete(
    '/api/v1/users/:id/assignments/:assignmentId',
    {
      config: { permission: USER_MANAGE },
      schema: {
        tags: ['people'],
        summary: 'Take a role away from a user (administrators)',
        params: Type.Object({
          id: Type.String({ maxLength: 100 }),
          assignmentId: Type.String({ maxLength: 100 }),
        }),
        response: { ...NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await users.removeAssignment(request.params.id, request.params.assignmentId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/users/:id/phone',
    {
      config: { permission: USER_READ },
      schema: {
        tags: ['people'],
        summary: 'The full phone number (administrators, centre operators); every view is logged',
        params: UserParams,
        response: { 200: Type.Object({ phone: Nullable(Type.String()) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = await users.getUser(request.params.id);
      await requireInReach(users, actor, user.id);
      return { phone: await users.revealPhone(actor.userId, user.id) };
    },
  );

  app.post(
    '/api/v1/auth/register',
    {
      config: { permission: PUBLIC },
      schema: {
        tags: ['auth'],
        summary:
          'Resident self-registration (群众注册): phone, password, name and home grid — its id, or a home location (WGS-84) whose grid is found',
        security: [],
        body: Type.Object(
          {
            phone: Type.String({ minLength: 1, maxLength: 20 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
            displayName: Type.String({ minLength: 1, maxLength: 100 }),
            gridId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            home: Type.Optional(
              Type.Object(
                {
                  lng: Type.Number({ minimum: -180, maximum: 180 }),
                  lat: Type.Number({ minimum: -90, maximum: 90 }),
                },
                { additionalProperties: false, description: 'where the resident lives, WGS-84' },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('User'), ...errorResponses, 429: Type.Ref('Error') },
      },
    },
    async (request, reply) => {
      const { home, gridId, ...rest } = request.body;
      let grid = gridId;
      if (grid === undefined && home !== undefined && homeGrid) {
        const hit = await homeGrid.gridOf(home.lng, home.lat);
        if (!hit) {
          throw new AppError('bad_request', 'user.home_outside_grids', { field: 'home' }, { field: 'home' });
        }
        grid = hit.gridId;
      }
      if (grid === undefined) {
        throw new AppError(
          'bad_request',
          'user.home_required',
          { field: 'gridId' },
          {
            field: 'gridId',
          },
        );
      }
      const user = await users.registerResident({ ...rest, gridId: grid }, request.ip);
      return reply.status(201).send(user);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { permission: SIGNED_IN },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; your other sessions end',
        body: Type.Object(
          {
            oldPassword: Type.String({ minLength: 1, maxLength: 200 }),
            newPassword: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { ...NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await users.changeOwnPassword(
        actor.userId,
        request.body.oldPassword,
        request.body.newPassword,
        request.sessionToken,
      );
      return reply.status(204).send(null);
    },
  );
}
