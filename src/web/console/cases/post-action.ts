/**
 * `POST /api/v1/cases/{id}/actions/{action}` for an action chosen at run time, with an
 * Idempotency-Key so a repeated click takes effect once. Errors become `ApiError`.
 */

import { apiErrorOf, CLIENT_HEADERS } from '../../shared/api.ts';
import type { components } from '../../shared/api-types.ts';

export async function postAction(
  caseId: string,
  action: string,
  body: Record<string, unknown>,
  idempotencyKey: string,
): Promise<components['schemas']['Case']> {
  const response = await fetch(
    `/api/v1/cases/${encodeURIComponent(caseId)}/actions/${encodeURIComponent(action)}`,
    {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        ...CLIENT_HEADERS,
      },
      body: JSON.stringify(body),
    },
  );
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) return json as components['schemas']['Case'];
  throw apiErrorOf(response, json);
}
