/**
 * Wires the modules: creates each service from its ports and registers its routes.
 * The one place that knows every module.
 */

import type { AppDeps } from './app.ts';
import { registerAreaRoutes } from './modules/areas/routes.ts';
import { type AreaService, createAreaService } from './modules/areas/service.ts';
import { registerCaseRoutes } from './modules/cases/routes.ts';
import { type CaseService, createCaseService } from './modules/cases/service.ts';
import { registerCatalogueRoutes } from './modules/catalogue/routes.ts';
import { routeCase } from './modules/catalogue/routing.ts';
import { registerDeadlineRoutes } from './modules/deadlines/routes.ts';
import { createDeadlineService, type DeadlineService } from './modules/deadlines/rules.ts';
import { enqueueJob } from './modules/jobs/queue.ts';
import { createScheduler, type Scheduler } from './modules/jobs/scheduler.ts';
import { registerLayerRoutes } from './modules/layers/routes.ts';
import { createLayerService, type LayerService } from './modules/layers/service.ts';
import { createCheckpointSealer, publishPublicKey } from './modules/ledger/checkpoints.ts';
import { ledgerJobHandlers } from './modules/ledger/jobs.ts';
import { appendCaseEvents } from './modules/ledger/ledger.ts';
import { createProofService } from './modules/ledger/proof.ts';
import { registerLedgerRoutes } from './modules/ledger/routes.ts';
import { loadOrCreateSigner } from './modules/ledger/signing.ts';
import { registerOpen311KeyRoutes } from './modules/open311/key-routes.ts';
import { registerOpen311Routes } from './modules/open311/routes.ts';
import { createOpen311Service, type Open311Service } from './modules/open311/service.ts';
import { type AuthService, createAuthService } from './modules/people/auth.ts';
import { registerAuthRoutes } from './modules/people/routes.ts';
import { createUsersService, type UsersService } from './modules/people/users.ts';
import { registerUserRoutes } from './modules/people/users-routes.ts';
import { registerPhotoRoutes } from './modules/photos/routes.ts';
import { createPhotoService, type PhotoService } from './modules/photos/service.ts';
import { createPhotoStore } from './modules/photos/store.ts';
import type { App } from './platform/http.ts';
import { createVault } from './platform/vault/vault.ts';

export interface Services {
  auth: AuthService;
  users: UsersService;
  areas: AreaService;
  deadlines: DeadlineService;
  cases: CaseService;
  /** Deadline reminders and escalations; `serve` starts it, tests call `runOnce()`. */
  scheduler: Scheduler;
  /** Open311 GeoReport v2 intake and status, and its API keys. */
  open311: Open311Service;
  /** Case photos, stored under `<dataDir>/photos`. */
  photos: PhotoService;
  /** Departments' grid layers (多网合一). */
  layers: LayerService;
}

export function registerModules(app: App, deps: AppDeps): Services {
  const { database, clock, config } = deps;
  const { db, dialect } = database;
  const auth = createAuthService(db, { clock, cipher: deps.cipher, sessionHours: config.sessionHours });
  const users = createUsersService(db, { clock, cipher: deps.cipher });
  const areas = createAreaService(db, config.caps, { clock });
  const deadlines = createDeadlineService(db, { clock });
  // 个人信息保险箱: every personal value the case and Open311 modules store goes through it.
  const vault = createVault({ db, cipher: deps.cipher, clock });
  const cases = createCaseService({
    database,
    clock,
    vault,
    areas,
    deadlines,
    routing: routeCase,
    enqueue: enqueueJob,
    appendEvents: appendCaseEvents,
  });
  // The checkpoint key lives outside the database (issue 7 #9); its public half is published.
  const signer = loadOrCreateSigner(config.ledgerSigningKey, config.dataDir);
  publishPublicKey(config.dataDir, signer.publicKeyPem);
  const sealer = createCheckpointSealer({
    db,
    dialect,
    signer,
    dataDir: config.dataDir,
    witnessUrl: config.ledgerWitnessUrl,
    log: app.log,
  });
  const open311 = createOpen311Service({ db, clock, vault, cases, demo: config.demo });
  const scheduler = createScheduler({
    handle: database,
    clock,
    handlers: { ...cases.jobHandlers(), ...ledgerJobHandlers(db, sealer) },
    intervalMs: config.schedulerIntervalMs,
    logger: app.log,
  });

  const photos = createPhotoService({ database, clock, cases, store: createPhotoStore(config.dataDir) });
  const layers = createLayerService({ database, clock });

  registerAuthRoutes(app, auth);
  registerUserRoutes(app, users, areas);
  registerAreaRoutes(app, areas);
  registerCatalogueRoutes(app, { db, clock });
  registerDeadlineRoutes(app, { db, deadlines, onChange: cases.rearmDeadlines });
  registerCaseRoutes(app, cases);
  registerLedgerRoutes(app, {
    db,
    clock,
    sealer,
    proofs: createProofService(db),
    viewHistory: (actor, caseId) => cases.history(actor, caseId),
  });
  registerOpen311KeyRoutes(app, open311.keys);
  registerOpen311Routes(app, open311);
  registerPhotoRoutes(app, photos);
  registerLayerRoutes(app, layers);
  return { auth, users, areas, deadlines, cases, scheduler, open311, photos, layers };
}
