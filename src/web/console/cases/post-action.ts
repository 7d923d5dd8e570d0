/**
 * `POST /api/v1/cases/{id}/actions/{action}` for an action chosen at run time, with an
 * Idempotency-Key so a repeated click takes effect once. Errors become `ApiError`.
 */

import { apiErrorOf, getToken } from '../../shared/api.ts';
import type { components } from '../../shared/api-types.ts';

export async function postAction(
  caseId: string,
  action: string,
  body: Record<string, unknown>,
  idempotencyKey: string,
): Promise<components['schemas']['Case']> {
  const token = getToken();
  const response = await fetch(
    `/api/v1/cases/${encodeURIComponent(caseId)}/actions/${encodeURIComponent(action)}`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    },
  );
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) return json as components['schemas']['Case'];
  throw apiErrorOf(response, json);
}
