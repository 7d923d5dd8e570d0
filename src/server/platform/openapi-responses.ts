/**
 * Every response of the OpenAPI document says what its status code means: @fastify/swagger writes
 * "Default Response" where a route's schema has no description, so the codes are described here
 * once, for every route alike (a route's own description, where it has one, stands).
 */
const MEANINGS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '204': 'Done; no content',
  '400': 'Bad input: the error names the field (`error.details`)',
  '401': 'Not signed in, or the session has ended',
  '403': 'Not allowed: the caller’s role, area or relation to the case does not permit it',
  '404': 'No such resource (or none the caller may know of)',
  '409': 'Not possible in the current state (e.g. the case’s status)',
  '413': 'The body is too large',
  '415': 'The content type is not accepted',
  '422': 'The Idempotency-Key was used before with a different request',
  '429': 'Too many requests: try again after `Retry-After` seconds',
  '503': 'The database is unavailable: try again after `Retry-After` seconds',
};

interface Operation {
  summary?: string;
  responses?: Record<string, { description?: string }>;
}

/** The document with each "Default Response" replaced by what the status code means. */
export function describeResponses<T extends { paths?: Record<string, Record<string, unknown>> }>(doc: T): T {
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations) as Operation[]) {
      for (const [code, response] of Object.entries(operation.responses ?? {})) {
        if (response.description !== 'Default Response') continue;
        const meaning = MEANINGS[code] ?? `HTTP ${code}`;
        response.description = code === '200' && operation.summary ? `OK: ${operation.summary}` : meaning;
      }
    }
  }
  return doc;
}
