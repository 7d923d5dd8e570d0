/**
 * Errors the GeoReport v2 way: an HTTP status and a list of `{ code, description }` (XML
 * `<errors><error>…`). Every failure under /open311/v2 ends up here; only a real bug is a 500.
 */
import type { FastifyError } from 'fastify';
import { AppError } from '../../platform/errors.ts';

/** One entry of the spec's error list: `code` is the HTTP status it explains. */
export interface SpecError {
  code: number;
  description: string;
}

/** Thrown by the Open311 layer; the plugin's error handler writes it in the request's format. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly errors: SpecError[],
    /** Seconds, for 429. */
    readonly retryAfter?: number,
  ) {
    super(errors.map((e) => e.description).join('; '));
    this.name = 'Open311Error';
  }
}

/** One error with the given status. */
export const open311Error = (status: number, description: string) =>
  new Open311Error(status, [{ code: status, description }]);

/** 400 listing every problem found with the input, at once. */
export const invalidInput = (descriptions: string[]) =>
  new Open311Error(
    400,
    descriptions.map((description) => ({ code: 400, description })),
  );

/** Any error as the spec's status and list; `undefined` for what must stay a logged 500. */
export function toSpecError(error: unknown): Open311Error | undefined {
  if (error instanceof Open311Error) return error;
  if (error instanceof AppError) return open311Error(error.status, error.message);
  const fe = error as Partial<FastifyError>;
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const description =
      status === 413
        ? 'the request body is too large'
        : status === 415
          ? 'send the request as application/x-www-form-urlencoded'
          : (fe.message ?? 'invalid request');
    return open311Error(status, description);
  }
  return undefined;
}
