/**
 * Application errors that map to HTTP answers `{ error: { code, message, key, params, details } }`.
 * Services throw these; the HTTP layer turns them into 4xx. Anything else is a 500 and a bug.
 *
 * `code` is the HTTP-level category; `key` is a stable message code of the catalogue in
 * src/shared/messages and `params` its values, from which each app shows the reader's language;
 * `message` is that message in English for API integrators. The helpers take a key, never free
 * text, so a sentence cannot reach a person untranslated.
 */
import {
  formatMessage,
  type Message,
  type MessageKey,
  type MessageParams,
} from '../../shared/messages/format.ts';

export type { Message, MessageKey, MessageParams } from '../../shared/messages/format.ts';
export { formatMessage };

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'idempotency_key_reused'
  | 'service_unavailable'
  | 'too_many_requests';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  service_unavailable: 503,
  too_many_requests: 429,
};

/** The English sentence of a message, field names left as they are on the wire. */
export function englishOf(key: MessageKey, params?: MessageParams): string {
  return formatMessage('en', key, params, { rawFields: true });
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly details?: unknown,
  ) {
    super(englishOf(key, params));
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

/** Message keys that say something was not found. */
export type NotFoundKey = Extract<MessageKey, `not_found.${string}`>;

/** 400 naming the field that is wrong (`params.field` and `details.field`). */
export function badRequest(field: string, key: MessageKey, params?: MessageParams): AppError {
  return new AppError('bad_request', key, { field, ...params }, { field });
}
export const unauthorized = (key: MessageKey = 'auth.sign_in_first', params?: MessageParams) =>
  new AppError('unauthorized', key, params);
export const forbidden = (key: MessageKey, params?: MessageParams) => new AppError('forbidden', key, params);
/** 403 for a refused policy decision, carrying its reason. */
export const refused = (reason: Message) => new AppError('forbidden', reason.key, reason.params);
export const notFound = (key: NotFoundKey, params?: MessageParams) => new AppError('not_found', key, params);
export const conflict = (key: MessageKey, params?: MessageParams, details?: unknown) =>
  new AppError('conflict', key, params, details);
/** 429 with the seconds to wait, which the HTTP layer also sends as `Retry-After`. */
export const tooManyRequests = (retryAfter: number) =>
  new AppError('too_many_requests', 'request.too_many', { seconds: retryAfter }, { retryAfter });
