/**
 * API errors next to the field they name: the server answers `{ error: { details: { field } } }`
 * (`code`, `rules.3.amount`, `assignments[0].areaId` …); a form maps those onto its own fields.
 */
import type { FormInstance } from 'antd';
import { ApiError } from '../../../shared/api.ts';
import { serverText } from '../../../shared/messages.ts';

/** The field an API error names, as dotted path segments (`rules.3.amount` → ['rules', 3, 'amount']). */
export function fieldPathOf(error: unknown): (string | number)[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = error.details as { field?: unknown } | undefined;
  if (typeof details?.field !== 'string' || details.field === '') return undefined;
  return details.field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The message to show beside the field it names: the server's message without naming the field. */
export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof ApiError && error.key) {
    return (
      serverText({ key: error.key, params: { ...error.params, field: undefined } }).trim() || error.message
    );
  }
  return error.message;
}

/**
 * Shows an API error on the form field it names (after `rename` maps the server's field onto the
 * form's); returns the message when no field of the form matches, for a banner above the form.
 */
export function showApiError(
  form: FormInstance,
  error: unknown,
  rename: (path: (string | number)[]) => (string | number)[] | undefined = (p) => p,
): string | undefined {
  const path = fieldPathOf(error);
  const target = path ? rename(path) : undefined;
  if (target && formHasField(form, target)) {
    form.setFields([{ name: target, errors: [messageOf(error)] }]);
    return undefined;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Whether the form has a registered field at `path` (every Form.Item with a name is listed). */
function formHasField(form: FormInstance, path: (string | number)[]): boolean {
  const wanted = JSON.stringify(path);
  return form.getFieldsError().some((f) => JSON.stringify(f.name) === wanted);
}
