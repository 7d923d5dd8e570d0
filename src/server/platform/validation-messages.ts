/**
 * Schema validation errors (Ajv, through Fastify) as catalogue messages: each Ajv keyword maps to a
 * message key, its params to the message's params, and the instance path to the field a person can
 * recognise — so "password: must NOT have fewer than 8 characters" becomes
 * `validation.min_length { field: 'password', limit: 8 }` and is shown as 密码至少 8 个字符.
 */
import type { Message, MessageKey, MessageParams } from './errors.ts';

/** One Ajv error object as Fastify hands it over. */
export interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** A validation issue as it is sent: the field and its message. */
export interface FieldMessage extends Message {
  field: string;
}

const BY_KEYWORD: Readonly<Record<string, MessageKey>> = {
  required: 'validation.required',
  minLength: 'validation.min_length',
  maxLength: 'validation.max_length',
  format: 'validation.format',
  pattern: 'validation.pattern',
  enum: 'validation.enum',
  const: 'validation.enum',
  type: 'validation.type',
  minimum: 'validation.minimum',
  maximum: 'validation.maximum',
  exclusiveMinimum: 'validation.exclusive_minimum',
  exclusiveMaximum: 'validation.exclusive_maximum',
  minItems: 'validation.min_items',
  maxItems: 'validation.max_items',
  uniqueItems: 'validation.unique_items',
  additionalProperties: 'validation.additional_properties',
};

/** `/body/title` + missingProperty → `title`: the field a person can recognise. */
export function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const base = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  const field = [base, typeof missing === 'string' ? missing : ''].filter(Boolean).join('.');
  return field || context || 'body';
}

function paramsOf(issue: ValidationIssue): MessageParams {
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case 'format':
      return { format: String(p.format) };
    case 'enum':
      return { allowed: Array.isArray(p.allowedValues) ? p.allowedValues.map(String) : [] };
    case 'const':
      return { allowed: [String(p.allowedValue)] };
    case 'type':
      return { type: String(p.type) };
    case 'additionalProperties':
      return { property: String(p.additionalProperty) };
    default:
      return typeof p.limit === 'number' ? { limit: p.limit } : {};
  }
}

/** The catalogue message of one Ajv issue (`validation.invalid` for a keyword without its own). */
export function validationMessage(issue: ValidationIssue, context: string | undefined): FieldMessage {
  const field = fieldOf(issue, context);
  const key = BY_KEYWORD[issue.keyword ?? ''] ?? 'validation.invalid';
  return { field, key, params: { field, ...paramsOf(issue) } };
}

/** The message of a Fastify 4xx that is not a schema violation (unreadable JSON, 413, 415, …). */
export function requestMessageKey(status: number): MessageKey {
  if (status === 413) return 'request.too_large';
  if (status === 415) return 'request.unsupported_media_type';
  if (status === 404) return 'request.route_not_found';
  if (status === 429) return 'request.too_many';
  return 'request.unreadable';
}
