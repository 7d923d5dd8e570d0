/**
 * HTTP surface of the tamper-evident history: verify the chain, seal and list signed checkpoints,
 * the public key, consistency proofs between checkpoints, and a case's inclusion proof bundle.
 */

import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Clock } from '../../platform/clock.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { type App, errorResponses, requireActor } from '../../platform/http.ts';
import { definePermission, PUBLIC } from '../../platform/permissions.ts';
import type { Actor } from '../people/actor.ts';
import { LEDGER_PROBLEMS } from './audit.ts';
import { type CheckpointSealer, listCheckpoints } from './checkpoints.ts';
import { canAuditLedger, canSealLedger, LEDGER_AUDITORS, LEDGER_SEALERS } from './policy.ts';
import type { ProofService } from './proof.ts';
import type { LedgerTables } from './schema.ts';
import { verifyLedger } from './verify.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<LedgerTables>;

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
    treeSize: Type.Integer({ description: 'entries seq 1…treeSize are covered' }),
    rootHash: Type.String({ description: 'RFC 9162 Merkle root, hex' }),
    signedAt: Type.String({ format: 'date-time' }),
    keyId: NullableString(),
    signature: Type.Union([Type.String({ description: 'Ed25519, base64' }), Type.Null()]),
  },
  { $id: 'LedgerCheckpoint' },
);

/** One entry of a proof bundle (ledger/proof.ts ProofEntry). */
const ProofEntrySchema = Type.Object(
  {
    seq: Type.Integer(),
    leafIndex: Type.Integer({ description: 'seq − 1: the entry’s leaf in the Merkle tree' }),
    hash: Type.String({ description: 'the chain hash; the leaf is SHA-256(0x00 || hash)' }),
    inclusionProof: Type.Array(Type.String(), { description: 'RFC 9162 audit path, leaf to root, hex' }),
    entry: Type.Optional(
      Type.Object(
        {
          id: Type.String(),
          caseId: Type.String(),
          type: Type.String(),
          actorId: NullableString(),
          actorRole: NullableString(),
          at: Type.String(),
          payload: Type.String({ description: 'canonical JSON text, exactly as hashed' }),
          prevHash: Type.String(),
        },
        { additionalProperties: false, description: 'absent when the viewer may not see it' },
      ),
    ),
  },
  { additionalProperties: false },
);

const PublicKey = Type.Object(
  { algorithm: Type.Literal('Ed25519'), keyId: Type.String(), pem: Type.String() },
  { $id: 'LedgerPublicKey' },
);

export interface LedgerRouteDeps {
  db: Db;
  clock: Clock;
  sealer: CheckpointSealer;
  proofs: ProofService;
  /**
   * The case's history as its viewer may see it (403/404 otherwise); an entry whose actor is
   * hidden from this viewer (an anonymous reporter) comes back with a null actor_id.
   */
  viewHistory(actor: Actor, caseId: string): Promise<{ seq: number; actor_id: string | null }[]>;
}

/** 审计: inspectors, leaders and administrators verify the chain and read its checkpoints. */
const LEDGER_VERIFY = definePermission({
  name: 'ledger.verify',
  holders: LEDGER_AUDITORS,
  scope: 'the whole history (ledger/policy.ts canAuditLedger)',
  refusal: { key: 'forbidden.auditors_only', params: { roles: LEDGER_AUDITORS } },
  policy: canAuditLedger,
});
/** Only administrators seal a checkpoint by hand (the scheduler seals too). */
const LEDGER_SEAL = definePermission({
  name: 'ledger.seal',
  holders: LEDGER_SEALERS,
  scope: 'the whole history (ledger/policy.ts canSealLedger)',
  refusal: { key: 'forbidden.admin_only' },
  policy: canSealLedger,
});
/** A case's proof bundle: whoever may view the case's history. */
const CASE_PROOF = definePermission({
  name: 'case.proof',
  holders: 'signed_in',
  scope: 'cases the caller may view (cases/policy.ts, through the case service)',
});

/** Registers `/api/v1/ledger/*`. */
export function registerLedgerRoutes(app: App, deps: LedgerRouteDeps): void {
  app.addSchema(LedgerReport);
  app.addSchema(Checkpoint);
  app.addSchema(PublicKey);
  const { signer } = deps.sealer;
  const publicKey = { algorithm: 'Ed25519' as const, keyId: signer.keyId, pem: signer.publicKeyPem };

  app.get(
    '/api/v1/ledger/verify',
    {
      config: { permission: LEDGER_VERIFY },
      schema: {
        tags: ['ledger'],
        summary: 'Verify the whole case history hash chain and its checkpoints; names the first broken entry',
        response: { 200: Type.Ref('LedgerReport'), ...errorResponses },
      },
    },
    async () => {
      return verifyLedger(deps.db, { publicKey: signer.publicKey });
    },
  );

  app.post(
    '/api/v1/ledger/checkpoints',
    {
      config: { permission: LEDGER_SEAL },
      schema: {
        tags: ['ledger'],
        summary: 'Sign a checkpoint over the whole history if anything is new (201), or nothing new (200)',
        response: {
          200: Type.Object({ checkpoint: Type.Null() }),
          201: Type.Object({ checkpoint: Type.Ref('LedgerCheckpoint') }),
          ...errorResponses,
        },
      },
    },
    async (_request, reply) => {
      const checkpoint = await deps.sealer.seal(deps.clock.now());
      if (!checkpoint) return reply.status(200).send({ checkpoint: null });
      return reply.status(201).send({ checkpoint });
    },
  );

  app.get(
    '/api/v1/ledger/checkpoints',
    {
      config: { permission: LEDGER_VERIFY },
      schema: {
        tags: ['ledger'],
        summary: 'Checkpoints, newest first',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
          beforeSize: Type.Optional(
            Type.Integer({ minimum: 1, description: 'page back: only checkpoints over fewer entries' }),
          ),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('LedgerCheckpoint')) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { limit = 100, beforeSize } = request.query;
      return {
        items: await listCheckpoints(deps.db, { limit, ...(beforeSize === undefined ? {} : { beforeSize }) }),
      };
    },
  );

  app.get(
    '/api/v1/ledger/public-key',
    {
      config: { permission: PUBLIC },
      schema: {
        tags: ['ledger'],
        summary: 'The Ed25519 public key that signs checkpoints (public: verifiers pin it)',
        security: [],
        response: { 200: Type.Ref('LedgerPublicKey') },
      },
    },
    async () => publicKey,
  );

  app.get(
    '/api/v1/ledger/consistency',
    {
      config: { permission: LEDGER_VERIFY },
      schema: {
        tags: ['ledger'],
        summary:
          'RFC 9162 consistency proof from an earlier tree size to the newest signed checkpoint: a verifier holding a checkpoint over `first` entries checks the history only grew',
        querystring: Type.Object({ first: Type.Integer({ minimum: 1 }) }),
        response: {
          200: Type.Object({
            first: Type.Integer(),
            firstRoot: Type.String(),
            checkpoint: Type.Ref('LedgerCheckpoint'),
            proof: Type.Array(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { checkpoint, tree } = await deps.proofs.signedTree();
      const { first } = request.query;
      if (first > checkpoint.treeSize) {
        throw badRequest('first', 'ledger.first_too_large', { size: checkpoint.treeSize });
      }
      return { first, firstRoot: tree.root(first), checkpoint, proof: tree.consistencyProof(first) };
    },
  );

  app.get(
    '/api/v1/cases/:id/proof',
    {
      config: { permission: CASE_PROOF },
      // The bundle goes out exactly as built: what it carries is checked offline against signatures.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['ledger'],
        summary:
          '存证包: the case’s history entries with RFC 9162 inclusion proofs in the newest signed checkpoint, the checkpoint and the public key; check offline with `zhizhi verify-proof`',
        params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
        response: {
          200: Type.Object({
            format: Type.Literal('zhizhi-proof/v1'),
            caseId: Type.String(),
            checkpoint: Type.Object(
              {
                format: Type.Literal('zhizhi-checkpoint/v1'),
                treeSize: Type.Integer(),
                rootHash: Type.String(),
                signedAt: Type.String({ format: 'date-time' }),
                keyId: NullableString(),
                signature: NullableString(),
              },
              { additionalProperties: false, description: 'the newest signed checkpoint, as exported' },
            ),
            publicKey: Type.Ref('LedgerPublicKey'),
            entries: Type.Array(ProofEntrySchema),
            unsealed: Type.Array(Type.Integer()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const history = await deps.viewHistory(requireActor(request), request.params.id);
      const visibleActor = new Map(history.map((h) => [Number(h.seq), h.actor_id]));
      const bundle = await deps.proofs.bundle(
        request.params.id,
        publicKey,
        (entry) => entry.actorId !== null && visibleActor.get(entry.seq) !== entry.actorId,
      );
      if (bundle.entries.length === 0) {
        throw conflict('ledger.case_not_sealed');
      }
      reply.header('content-disposition', `attachment; filename="case-${request.params.id}-proof.json"`);
      return bundle;
    },
  );
}
