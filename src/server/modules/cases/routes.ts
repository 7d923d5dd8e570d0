/**
 * Case endpoints: intake (`POST /cases`, Idempotency-Key honoured), reads, history, and one route per
 * workflow action at `POST /cases/{id}/actions/{action}`, each with its own body schema.
 */
import { Type } from 'typebox';
import { CASE_STATUSES } from '../../../shared/domain.ts';
import { type App, errorResponses, idempotencyKeyOf, requireActor } from '../../platform/http.ts';
import { definePermission } from '../../platform/permissions.ts';
import type { ActionInputs } from './actions.ts';
import { CaseSchema, CaseSummarySchema } from './case-schema.ts';
import { CaseHistoryEntrySchema } from './events.ts';
import { notificationMessage } from './notification-message.ts';
import { inDatum } from './presenter.ts';
import { ACTION_SCHEMAS, literalUnion, ReportBody, text, uuid } from './request-schemas.ts';
import type { CaseService } from './service.ts';
import type { CaseAction } from './state-machine.ts';

const Params = Type.Object({ id: Type.String({ maxLength: 100 }) });
/** The datum of `location` in the answer: stored WGS-84 by default, GCJ-02 for phone maps that use it. */
const CrsQuery = Type.Object({
  crs: Type.Optional(literalUnion(['wgs84', 'gcj02'])),
});
/** A retried request with the same key (e.g. from a phone's offline outbox) takes effect once. */
const IdempotencyHeader = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) });

/** 信息采集: residents report in their own grid, staff anywhere (cases/policy.ts, in the service). */
const CASE_REPORT = definePermission({
  name: 'case.report',
  holders: 'signed_in',
  scope: 'residents: their own grid; staff: their areas (cases/policy.ts, in the case service)',
});
/** Seeing a case: its parties, and staff whose area holds it. */
const CASE_READ = definePermission({
  name: 'case.read',
  holders: 'signed_in',
  scope:
    'reporter and parties; staff whose area contains the case; departments with its requests (cases/policy.ts)',
});
/** The reporter's phone in full, logged: centre operators of the area (and the reporter). */
const CASE_CONTACT = definePermission({
  name: 'case.contact_phone',
  holders: 'signed_in',
  scope: 'centre operators whose area contains the case; never an anonymous reporter’s (case service)',
});
/** Workflow actions: role × area × parties × the current level (cases/policy.ts authorize). */
const CASE_ACT = definePermission({
  name: 'case.act',
  holders: 'signed_in',
  scope: 'per action: role × handling area at the current level × parties (cases/policy.ts authorize)',
});
/** One's own notifications. */
const NOTIFICATION_READ = definePermission({
  name: 'notification.read',
  holders: 'signed_in',
  scope: 'notifications addressed to the caller',
});

export function registerCaseRoutes(app: App, cases: CaseService): void {
  app.addSchema(CaseSummarySchema);
  app.addSchema(CaseSchema);

  app.post(
    '/api/v1/cases',
    {
      config: { permission: CASE_REPORT },
      schema: {
        tags: ['cases'],
        summary: '信息采集 report a problem or dispute (or settle it on the spot). Honours Idempotency-Key.',
        headers: IdempotencyHeader,
        body: ReportBody,
        response: { 201: Type.Ref('Case'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await cases.report(actor, request.body, idempotencyKeyOf(request));
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/cases',
    {
      config: { permission: CASE_READ },
      schema: {
        tags: ['cases'],
        summary: 'cases the caller may see, filtered, newest first',
        querystring: Type.Object({
          status: Type.Optional(Type.Array(literalUnion(CASE_STATUSES), { maxItems: 12 })),
          level: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
          areaId: Type.Optional(uuid),
          caseType: Type.Optional(text(40)),
          overdue: Type.Optional(Type.Boolean()),
          supervised: Type.Optional(Type.Boolean()),
          mine: Type.Optional(Type.Boolean()),
          assigned: Type.Optional(Type.Boolean()),
          q: Type.Optional(text(100)),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
        }),
        response: {
          200: Type.Object({ total: Type.Integer(), items: Type.Array(Type.Ref('CaseSummary')) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { areaId, ...rest } = request.query;
      let areaPath: string | undefined;
      if (areaId) {
        const area = await cases.areaPath(areaId);
        if (!area) return { total: 0, items: [] };
        areaPath = area;
      }
      return cases.list(actor, { ...rest, areaPath, limit: rest.limit ?? 50, offset: rest.offset ?? 0 });
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: { permission: CASE_READ },
      schema: {
        tags: ['cases'],
        summary: 'one case',
        params: Params,
        querystring: CrsQuery,
        response: { 200: Type.Ref('Case'), ...errorResponses },
      },
    },
    async (request) => inDatum(await cases.get(requireActor(request), request.params.id), request.query.crs),
  );

  app.get(
    '/api/v1/cases/:id/history',
    {
      config: { permission: CASE_READ },
      // The payloads go out as stored (the bytes their hashes cover), never re-shaped by a schema.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['cases'],
        summary: 'the case’s tamper-evident history, oldest first',
        params: Params,
        response: {
          200: Type.Array(CaseHistoryEntrySchema),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const rows = await cases.history(requireActor(request), request.params.id);
      return rows.map((r) => ({
        seq: r.seq,
        id: r.id,
        type: r.type,
        actorId: r.actor_id,
        actorName: r.actor_name,
        actorRole: r.actor_role,
        at: r.at,
        payload: JSON.parse(r.payload),
        hash: r.hash,
        prevHash: r.prev_hash,
      }));
    },
  );

  app.get(
    '/api/v1/cases/:id/verification',
    {
      config: { permission: CASE_READ },
      schema: {
        tags: ['cases'],
        summary: '链校验 verify the case’s history: each entry’s hash recomputed from its stored bytes',
        params: Params,
        response: {
          200: Type.Object({
            status: literalUnion(['intact', 'broken']),
            checked: Type.Integer(),
            broken: Type.Array(
              Type.Object({
                seq: Type.Integer(),
                id: Type.Union([Type.String(), Type.Null()]),
                problem: Type.String(),
                message: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const v = await cases.verification(requireActor(request), request.params.id);
      return {
        status: v.ok ? ('intact' as const) : ('broken' as const),
        checked: v.checked,
        broken: v.broken.map((b) => ({ seq: b.seq, id: b.id, problem: b.problem, message: b.message })),
      };
    },
  );

  app.get(
    '/api/v1/cases/:id/contact-phone',
    {
      config: { permission: CASE_CONTACT },
      schema: {
        tags: ['cases'],
        summary: 'the reporter’s contact phone in full (centre operators; every view is logged)',
        params: Params,
        response: {
          200: Type.Object({ contactPhone: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ contactPhone: await cases.contactPhone(requireActor(request), request.params.id) }),
  );

  for (const [action, spec] of Object.entries(ACTION_SCHEMAS) as [
    CaseAction,
    (typeof ACTION_SCHEMAS)[CaseAction],
  ][]) {
    app.post(
      `/api/v1/cases/:id/actions/${action}`,
      {
        config: { permission: CASE_ACT },
        schema: {
          tags: ['case actions'],
          summary: spec.summary,
          params: Params,
          headers: IdempotencyHeader,
          body: spec.body,
          response: { 200: Type.Ref('Case'), ...errorResponses },
        },
      },
      async (request) =>
        cases.act(
          requireActor(request),
          request.params.id,
          action,
          request.body as ActionInputs[typeof action],
          idempotencyKeyOf(request),
        ),
    );
  }

  app.get(
    '/api/v1/notifications',
    {
      config: { permission: NOTIFICATION_READ },
      schema: {
        tags: ['cases'],
        summary: 'reminders, supervision orders and alerts addressed to me',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              caseId: Type.String(),
              kind: Type.String(),
              message: Type.String({
                description: 'The message in Chinese as sent; show key + params instead',
              }),
              key: Type.String({ description: 'Message code of the catalogue (src/shared/messages)' }),
              params: Type.Record(Type.String(), Type.Unknown(), { description: 'Values of the message' }),
              createdAt: Type.String(),
              readAt: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const rows = await cases.notifications(requireActor(request), {
        unreadOnly: request.query.unread === true,
        limit: request.query.limit ?? 50,
      });
      return rows.map((n) => ({
        id: n.id,
        caseId: n.case_id,
        kind: n.kind,
        message: n.message,
        ...notificationMessage(n),
        createdAt: n.created_at,
        readAt: n.read_at,
      }));
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { permission: NOTIFICATION_READ },
      schema: {
        tags: ['cases'],
        summary: 'mark a notification read',
        params: Params,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await cases.markRead(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
