/**
 * HTTP plumbing shared by every module: the typed Fastify instance, the error format
 * `{ error: { code, message, details } }`, the signed-in actor on each request, and the Idempotency-Key
 * header (the stored answers are in idempotency.ts).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { Type } from 'typebox';
import type { Actor } from './actor.ts';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './db/unavailable.ts';
import { AppError, badRequest, englishOf, type MessageKey, unauthorized } from './errors.ts';
import { requestMessageKey, type ValidationIssue, validationMessage } from './validation-messages.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, when the request carried a valid token or session cookie. */
    actor: Actor | undefined;
    /** The raw token, for logout. */
    sessionToken: string | undefined;
  }
}

export const SESSION_COOKIE = 'zhizhi_session';

/** The signed-in actor, or a 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** JSON schema of the error body, for OpenAPI. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({
        description: 'HTTP-level category: bad_request, forbidden, not_found, conflict, …',
      }),
      message: Type.String({ description: 'The message in English, for API integrators' }),
      key: Type.String({
        description:
          'Stable message code of the catalogue (src/shared/messages), e.g. auth.wrong_credentials',
      }),
      params: Type.Record(Type.String(), Type.Unknown(), {
        description: 'Values of the message: field, limit, format, …',
      }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'Error' },
);

/** Standard error responses to list in a route's schema. */
export const errorResponses = {
  400: Type.Ref('Error'),
  401: Type.Ref('Error'),
  403: Type.Ref('Error'),
  404: Type.Ref('Error'),
  409: Type.Ref('Error'),
};

/** 503 `service_unavailable` with Retry-After: the database is away (any route, and /readyz). */
export function sendDatabaseUnavailable(reply: FastifyReply) {
  return reply
    .status(503)
    .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
    .send({
      error: {
        code: 'service_unavailable',
        message: englishOf('server.unavailable'),
        key: 'server.unavailable',
        params: {},
        details: { dependency: 'database' },
      },
    });
}

/**
 * Turns every error into the one JSON shape; a database that is away is a 503 with Retry-After;
 * only a real bug becomes a 500.
 */
export function errorHandler(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const retryAfter = (error.details as { retryAfter?: unknown } | undefined)?.retryAfter;
    if (error.code === 'too_many_requests' && typeof retryAfter === 'number') {
      reply.header('retry-after', String(retryAfter));
    }
    return reply.status(error.status).send({
      error: {
        code: error.code,
        message: error.message,
        key: error.key,
        params: error.params,
        details: error.details,
      },
    });
  }
  const fe = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fe.validation) {
    const issues = fe.validation.map((v) => {
      const m = validationMessage(v, fe.validationContext);
      return { ...m, message: englishOf(m.key, m.params) };
    });
    const first = issues[0] ?? { key: 'request.invalid' as const, params: {}, field: undefined };
    return reply.status(400).send({
      error: {
        code: 'bad_request',
        message: englishOf(first.key, first.params),
        key: first.key,
        params: first.params,
        details: { field: first.field, issues },
      },
    });
  }
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status === 404
            ? 'not_found'
            : 'bad_request';
    const key = requestMessageKey(status);
    return reply
      .status(status)
      .send({ error: { code, message: englishOf(key), key, params: {}, details: fe.message } });
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    return sendDatabaseUnavailable(reply);
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({
    error: { code: 'internal', message: englishOf('server.internal'), key: 'server.internal', params: {} },
  });
}

/**
 * Refuses input no database stores faithfully, whatever a route's schema let through (a preHandler,
 * so it sees values after validation and coercion): a NUL character, which PostgreSQL text cannot
 * hold, and a number that is not finite or not a safe integer in size — Ajv lets a coerced
 * "Infinity" or "1e309" past `maximum`, and `LIMIT 1e20` fails on both databases.
 */
export async function rejectUnstorableInput(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [
    ['params', request.params],
    ['query', request.query],
    ['body', request.body],
  ] as const) {
    const problem = unstorable(value, '', 0);
    if (problem) throw badRequest(problem.field || part, problem.key);
  }
}

function unstorable(
  value: unknown,
  field: string,
  depth: number,
): { field: string; key: MessageKey } | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? { field, key: 'validation.no_nul' } : undefined;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER
      ? undefined
      : { field, key: 'validation.unsafe_number' };
  }
  // Deeper than any schema goes; schema-less GeoJSON is stored as escaped JSON text anyway. A raw
  // file body (photos, grid layers) is bytes for its own parser, not values stored as they are.
  if (value === null || typeof value !== 'object' || depth > 32 || ArrayBuffer.isView(value))
    return undefined;
  for (const [key, item] of Object.entries(value)) {
    const problem = unstorable(item, field ? `${field}.${key}` : key, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** The `Idempotency-Key` header, checked: 1–200 visible characters. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError(
      'bad_request',
      'request.idempotency_key',
      { field: 'Idempotency-Key' },
      {
        field: 'Idempotency-Key',
      },
    );
  }
  return key;
}
