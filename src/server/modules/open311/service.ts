/**
 * The Open311 GeoReport v2 service: what each endpoint answers, independent of JSON or XML.
 * Keys are checked (403) and rate-limited (429) before anything is read from a create.
 */

import type { Db } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Vault } from '../../platform/vault/vault.ts';
import { isJurisdictionCode } from '../areas/reads.ts';
import { discoveryDocument } from './discovery.ts';
import { Open311Error, open311Error } from './errors.ts';
import { FieldReader, type Fields } from './form.ts';
import { type CreatedRequest, createServiceRequest, type ReportPort } from './intake.ts';
import { createOpen311Keys, type Open311Keys } from './keys.ts';
import { parseListQuery } from './list-query.ts';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rate-limit.ts';
import { listServices, serviceDefinition } from './service-catalogue.ts';
import { findServiceRequests, requestIdOfToken, type ServiceRequestView } from './status.ts';

export interface Open311Deps {
  db: Db;
  clock: Clock;
  vault: Vault;
  /** The one intake command (`services.cases`). */
  cases: ReportPort;
  /** Demo installs announce their endpoint as `test` in discovery. */
  demo: boolean;
  rateLimit?: RateLimitOptions;
}

export type Open311Service = ReturnType<typeof createOpen311Service>;

export function createOpen311Service(deps: Open311Deps) {
  const { db, clock } = deps;
  const keys: Open311Keys = createOpen311Keys(db, clock);
  const limiter = createRateLimiter(clock, deps.rateLimit ?? DEFAULT_RATE_LIMIT);

  /** 404 when `jurisdiction_id` names another jurisdiction than this county (its root area code). */
  async function checkJurisdiction(fields: Fields): Promise<void> {
    const reader = new FieldReader(fields);
    const id = reader.text('jurisdiction_id', 100);
    if (id === undefined) return;
    if (!(await isJurisdictionCode(db, id))) throw open311Error(404, `jurisdiction_id ${id} not found`);
  }

  return {
    keys,

    async services(fields: Fields) {
      await checkJurisdiction(fields);
      return listServices(db);
    },

    async definition(fields: Fields, code: string) {
      await checkJurisdiction(fields);
      const definition = await serviceDefinition(db, code);
      if (!definition) throw open311Error(404, `service_code ${code} not found`);
      return definition;
    },

    /** POST /requests: key, rate limit, jurisdiction, fields, then the case. */
    async create(fields: Fields, idempotencyKey: string | undefined): Promise<CreatedRequest> {
      const reader = new FieldReader(fields);
      const apiKey = reader.text('api_key', 200);
      if (apiKey === undefined) {
        // Too long or given twice is a wrong key, not a missing one.
        throw open311Error(
          403,
          reader.problems.length > 0 ? 'api_key is invalid or revoked' : 'api_key was not provided',
        );
      }
      const holder = await keys.verify(apiKey);
      if (!holder) throw open311Error(403, 'api_key is invalid or revoked');
      const wait = limiter.take(holder.id);
      if (wait > 0)
        throw new Open311Error(
          429,
          [{ code: 429, description: `too many requests for this api_key; retry in ${wait} s` }],
          wait,
        );
      await checkJurisdiction(fields);
      const actor = await keys.accountOf(holder);
      return createServiceRequest(
        { db, vault: deps.vault, cases: deps.cases, now: () => clock.now() },
        { id: holder.id, actor },
        fields,
        idempotencyKey,
      );
    },

    async list(fields: Fields): Promise<ServiceRequestView[]> {
      const filter = parseListQuery(fields, clock.now());
      await checkJurisdiction(fields);
      return findServiceRequests(db, filter);
    },

    async get(fields: Fields, id: string): Promise<ServiceRequestView[]> {
      await checkJurisdiction(fields);
      const found = id.length <= 40 ? await findServiceRequests(db, { ids: [id], limit: 1 }) : [];
      if (found.length === 0) throw open311Error(404, `service_request_id ${id.slice(0, 40)} not found`);
      return found;
    },

    async token(fields: Fields, token: string) {
      await checkJurisdiction(fields);
      const id = token.length <= 64 ? await requestIdOfToken(db, token) : undefined;
      if (!id) throw open311Error(404, `token ${token.slice(0, 64)} not found`);
      return [{ service_request_id: id, token }];
    },

    discovery: (baseUrl: string) => discoveryDocument(baseUrl, deps.demo),
  };
}
