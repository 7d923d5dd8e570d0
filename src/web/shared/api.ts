/**
 * The typed API client every web app uses (openapi-fetch over the generated `paths`), and errors
 * turned into one `ApiError` carrying the server's message. The apps are signed in by the httpOnly
 * session cookie the server sets: no token is kept where a script could read it (issue 7 #8). Every
 * request carries `CLIENT_HEADERS`, which the server requires of cookie-signed writes (CSRF).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-types.ts';
import { serverText } from './messages.ts';

/** Sent with every request from the apps; a cross-site form or image cannot send it. */
export const CLIENT_HEADERS: Readonly<Record<string, string>> = { 'x-zhizhi-client': 'web' };

const SIGNED_IN_KEY = 'zhizhi.signedIn';
const OLD_TOKEN_KEY = 'zhizhi.token';
// Older versions kept the bearer token here; it must not linger. Their login also set the cookie,
// so the person stays signed in.
if (localStorage.getItem(OLD_TOKEN_KEY) !== null) {
  localStorage.setItem(SIGNED_IN_KEY, '1');
  localStorage.removeItem(OLD_TOKEN_KEY);
}

/**
 * Whether this browser believes it is signed in (a hint, not a secret: the cookie decides), so an
 * app opens signed in offline and does not ask the server when nobody has signed in.
 */
export function seemsSignedIn(): boolean {
  return localStorage.getItem(SIGNED_IN_KEY) === '1';
}

export function markSignedIn(signedIn: boolean): void {
  if (signedIn) localStorage.setItem(SIGNED_IN_KEY, '1');
  else localStorage.removeItem(SIGNED_IN_KEY);
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

const clientHeaders: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(CLIENT_HEADERS)) request.headers.set(name, value);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(clientHeaders);

/** Unwraps an openapi-fetch result: the data, or an ApiError thrown. */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  throw apiErrorOf(response, error);
}
