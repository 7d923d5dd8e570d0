/**
 * One permission model (权限): every route names the permission it needs in its definition
 * (`config: { permission }`), and ONE function, `checkPermission`, enforces it in a `preValidation`
 * hook — before the body is validated, so someone who may not call a route learns nothing about it.
 * It refuses the signed-out (401) and those without a holding role (403); what depends on the area
 * or the case (scope) stays with the modules' pure policies, which a permission may name, and with
 * the services.
 */
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '../../shared/domain.ts';
import { type Actor, hasRole } from './actor.ts';
import { type AppError, forbidden, type MessageKey, type MessageParams, unauthorized } from './errors.ts';
import type { App } from './http.ts';

/** Who holds a permission: everyone (no sign-in), anyone signed in, or the listed roles. */
export type Holders = 'public' | 'signed_in' | readonly Role[];

export interface Permission {
  /** Stable name, `<resource>.<verb>`: `case.read`, `area.manage`, … */
  readonly name: string;
  readonly holders: Holders;
  /** What decides the rest (area, case, parties), in one line for docs/permissions.md. */
  readonly scope: string;
  /** The 403 for a signed-in caller without a holding role (default `auth.needs_role`). */
  readonly refusal?: { key: MessageKey; params?: MessageParams };
  /** A module's pure policy, asked after the roles (a refusal is the same 403). */
  readonly policy?: (actor: Actor) => boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller needs; every route declares one (`PUBLIC` when it needs none). */
    permission?: Permission;
  }
}

const defined = new Map<string, Permission>();

/** Declares a permission; names are unique across the application. */
export function definePermission(permission: Permission): Permission {
  const existing = defined.get(permission.name);
  if (existing && existing !== permission) throw new Error(`permission ${permission.name} defined twice`);
  defined.set(permission.name, permission);
  return permission;
}

/** Routes anyone may call (health, the web apps, sign-in, Open311 with its own API key). */
export const PUBLIC = definePermission({
  name: 'public',
  holders: 'public',
  scope: 'none: no sign-in needed',
});

/** Routes any signed-in person may call; the service or the module's policy decides the rest. */
export const SIGNED_IN = definePermission({
  name: 'signed_in',
  holders: 'signed_in',
  scope: 'their own account',
});

function refusalOf(permission: Permission): AppError {
  const { refusal, holders } = permission;
  return refusal ? forbidden(refusal.key, refusal.params) : forbidden('auth.needs_role', { roles: holders });
}

/**
 * THE check: the actor when the caller holds the permission, else 401 (signed out) or 403 (no
 * holding role, or the permission's policy says no). Hooks call it for every route; a handler calls
 * it again only for a second permission that depends on the request (e.g. `?includeInactive`).
 */
export function checkPermission(actor: Actor | undefined, permission: Permission): Actor | undefined {
  if (permission.holders === 'public') return actor;
  if (!actor) throw unauthorized();
  if (permission.holders !== 'signed_in' && !hasRole(actor, ...permission.holders)) {
    throw refusalOf(permission);
  }
  if (permission.policy && !permission.policy(actor)) throw refusalOf(permission);
  return actor;
}

/** `checkPermission` for a request, when the permission needs a signed-in caller. */
export function requirePermission(request: FastifyRequest, permission: Permission): Actor {
  const actor = checkPermission(request.actor, permission);
  if (!actor) throw unauthorized();
  return actor;
}

/** One registered route and the permission it declared (undefined: it forgot, or a plugin's route). */
export interface RoutePermission {
  method: string;
  url: string;
  permission: Permission | undefined;
}

const tables = new WeakMap<object, RoutePermission[]>();

/**
 * Installs the check on every route registered after this call, and records each route with its
 * permission (see `routePermissions`). Call before any route or plugin is registered.
 */
export function enforcePermissions(app: App): void {
  const table: RoutePermission[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route: RouteOptions) => {
    const permission = route.config?.permission;
    for (const method of [route.method].flat()) table.push({ method, url: route.url, permission });
    if (!permission || permission.holders === 'public') return;
    const check = async (request: FastifyRequest) => {
      checkPermission(request.actor, permission);
    };
    route.preValidation = [check, ...[route.preValidation ?? []].flat()];
  });
}

/** Every route of the app with its declared permission, in registration order. */
export function routePermissions(app: App): readonly RoutePermission[] {
  return tables.get(app) ?? [];
}
