/**
 * Wires the modules: creates each service from its ports and registers its routes.
 * The one place that knows every module.
 */
import type { AppDeps } from './app.ts';
import { type AuthService, createAuthService } from './modules/people/auth.ts';
import { registerAuthRoutes } from './modules/people/routes.ts';
import type { App } from './platform/http.ts';

export interface Services {
  auth: AuthService;
}

export function registerModules(app: App, deps: AppDeps): Services {
  const { db } = deps.database;
  const auth = createAuthService(db, deps.clock, deps.config.sessionHours);
  registerAuthRoutes(app, auth);
  return { auth };
}
