/**
 * Application errors that map to HTTP answers `{ error: { code, message, details } }`.
 * Services throw these; the HTTP layer turns them into 4xx. Anything else is a 500 and a bug.
 */
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

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

/** 400 naming the field that is wrong. */
export function badRequest(field: string, message: string): AppError {
  return new AppError('bad_request', `${field}: ${message}`, { field });
}
export const unauthorized = (message = 'sign in first') => new AppError('unauthorized', message);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
/** 429 with the seconds to wait, which the HTTP layer also sends as `Retry-After`. */
export const tooManyRequests = (message: string, retryAfter: number) =>
  new AppError('too_many_requests', message, { retryAfter });
