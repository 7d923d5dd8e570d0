/** HTTP surface of the tamper-evident history: verify the chain, write and list checkpoints. */
import { Type } from 'typebox';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
import { forbidden } from '../../platform/errors.ts';
import { type App, errorResponses, requireActor } from '../../platform/http.ts';
import { LEDGER_PROBLEMS } from './audit.ts';
import { listCheckpoints, verifyLedger, writeCheckpoint } from './ledger.ts';
import { canAuditLedger, canSealLedger, LEDGER_AUDITORS } from './policy.ts';

const NullableString = () => Type.Union([Type.String(), Type.Null()]);

const BrokenEntry = Type.Object({
  seq: Type.Integer(),
  id: NullableString(),
  caseId: NullableString(),
  problem: Type.Union(LEDGER_PROBLEMS.map((p) => Type.Literal(p))),
  message: Type.String(),
});

const LedgerReport = Type.Object(
  {
    ok: Type.Boolean(),
    entries: Type.Integer({ description: 'entries that passed every check' }),
    checkpoints: Type.Integer({ description: 'checkpoints whose Merkle root matched' }),
    headSeq: Type.Integer(),
    firstBroken: Type.Optional(BrokenEntry),
  },
  { $id: 'LedgerReport' },
);

const Checkpoint = Type.Object(
  {
    fromSeq: Type.Integer(),
    uptoSeq: Type.Integer(),
    merkleRoot: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'LedgerCheckpoint' },
);

export interface LedgerRouteDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
}

/** Registers `/api/v1/ledger/*`. */
export function registerLedgerRoutes(app: App, deps: LedgerRouteDeps): void {
  app.addSchema(LedgerReport);
  app.addSchema(Checkpoint);

  app.get(
    '/api/v1/ledger/verify',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Verify the whole case history hash chain and its checkpoints; names the first broken entry',
        response: { 200: Type.Ref('LedgerReport'), ...errorResponses },
      },
    },
    async (request) => {
      if (!canAuditLedger(requireActor(request)))
        throw forbidden('forbidden.auditors_only', { roles: LEDGER_AUDITORS });
      return verifyLedger(deps.db);
    },
  );

  app.post(
    '/api/v1/ledger/checkpoints',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Seal the entries since the last checkpoint with a Merkle root (201), or nothing new (200)',
        response: {
          200: Type.Object({ checkpoint: Type.Null() }),
          201: Type.Object({ checkpoint: Type.Ref('LedgerCheckpoint') }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!canSealLedger(requireActor(request))) throw forbidden('forbidden.admin_only');
      const checkpoint = await writeCheckpoint(deps.db, deps.dialect, deps.clock.now());
      if (!checkpoint) return reply.status(200).send({ checkpoint: null });
      return reply.status(201).send({ checkpoint });
    },
  );

  app.get(
    '/api/v1/ledger/checkpoints',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Checkpoints, newest first',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
          beforeSeq: Type.Optional(
            Type.Integer({ minimum: 1, description: 'page back: only upto_seq below this' }),
          ),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('LedgerCheckpoint')) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      if (!canAuditLedger(requireActor(request)))
        throw forbidden('forbidden.auditors_only', { roles: LEDGER_AUDITORS });
      const { limit = 100, beforeSeq } = request.query;
      return {
        items: await listCheckpoints(deps.db, { limit, ...(beforeSeq === undefined ? {} : { beforeSeq }) }),
      };
    },
  );
}
