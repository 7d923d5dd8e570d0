/**
 * Browser-facing hardening (issue 7 #8), hand-rolled so no package is added: security headers on
 * every answer, and CSRF protection for requests authenticated by the session cookie.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden } from './errors.ts';

/**
 * What pages may load. antd and antd-mobile inject styles at run time ('unsafe-inline' styles only,
 * never scripts); MapLibre runs its worker from our own file or a blob; photos are shown from blob:
 * and data: URLs before upload.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
].join('; ');

/** The header the web apps send with every API call; a cross-site form or image cannot set it. */
export const CLIENT_HEADER = 'x-zhizhi-client';

/** onSend hook: the security headers, on pages, files, API answers and errors alike. */
export async function securityHeaders(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  // Only over TLS: a browser that saw HSTS over plain HTTP would ignore it anyway, and a test
  // install on http:// must not be locked out.
  if (request.protocol === 'https') {
    reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: an unsafe request authenticated by the cookie must carry the apps' header and, when the
 * browser says where it comes from, come from this origin. Bearer-token clients are not affected:
 * a browser never attaches a bearer token by itself.
 */
export function checkCookieRequest(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers[CLIENT_HEADER] === undefined) {
    throw forbidden('request.client_header_required');
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) {
    throw forbidden('request.cross_site');
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') throw forbidden('request.cross_site');
}
