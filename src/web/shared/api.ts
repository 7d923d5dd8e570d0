/**
 * The typed API client every web app uses (openapi-fetch over the generated `paths`), with the
 * signed-in token attached, and errors turned into one `ApiError` carrying the server's message.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-types.ts';
import { serverText } from './messages.ts';

const TOKEN_KEY = 'zhizhi.token';

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/**
 * An API answer that is not 2xx: the server's `{ error: { code, message, key, params, details } }`,
 * with `message` the text in the interface language (from `key` and `params`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly key?: string,
    readonly params?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The ApiError of a non-2xx answer's body, its message in the interface language. */
export function apiErrorOf(response: Response, body: unknown): ApiError {
  const error = (body as { error?: ErrorBody } | undefined)?.error;
  return new ApiError(
    response.status,
    error?.code ?? 'error',
    serverText(error) || response.statusText,
    error?.details,
    typeof error?.key === 'string' ? error.key : undefined,
    error?.params as Record<string, unknown> | undefined,
  );
}

interface ErrorBody {
  code?: string;
  message?: string;
  key?: unknown;
  params?: unknown;
  details?: unknown;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** Unwraps an openapi-fetch result: the data, or an ApiError thrown. */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  throw apiErrorOf(response, error);
}
