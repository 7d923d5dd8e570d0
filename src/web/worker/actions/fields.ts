/**
 * What each case action asks for — only the fields its body schema takes (ACTION_SCHEMAS in
 * src/server/modules/cases/routes.ts) — and how the filled-in form becomes that body.
 */
import type { WorkerKey } from '../i18n/index.ts';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  /** one of `options`, each labelled `t(optionPrefix + '.' + value)` */
  | 'choice'
  /** several people of the case's area team, sent as ids */
  | 'people'
  /** one case type of the catalogue */
  | 'caseType'
  /** free words separated by commas, sent as an array */
  | 'list'
  /** yes or no, sent as a boolean */
  | 'yesno'
  /** another case, found by its number, sent as its id */
  | 'case';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  label: WorkerKey;
  required: boolean;
  options?: readonly string[];
  optionPrefix?: string;
  min?: number;
  max?: number;
}

const DIFFICULTIES = ['simple', 'general', 'difficult', 'long_pending'] as const;

const note: FieldSpec = { name: 'note', kind: 'textarea', label: 'field.note', required: false };
const reason: FieldSpec = { name: 'reason', kind: 'textarea', label: 'field.reason', required: true };
const difficulty = (name: string, label: WorkerKey): FieldSpec => ({
  name,
  kind: 'choice',
  label,
  required: false,
  options: DIFFICULTIES,
  optionPrefix: 'difficulty',
});

/** The form of every action the worker app offers. */
export const ACTION_FIELDS: Record<string, readonly FieldSpec[]> = {
  register: [
    { name: 'caseType', kind: 'caseType', label: 'field.caseType', required: true },
    difficulty('difficulty', 'field.difficulty'),
    note,
  ],
  reject: [reason],
  merge: [
    { name: 'intoCaseId', kind: 'case', label: 'field.intoCaseId', required: true },
    { ...reason, required: false },
  ],
  dispatch: [{ name: 'handlerIds', kind: 'people', label: 'field.handlerIds', required: true }, note],
  accept: [note],
  send_back: [reason],
  progress: [{ ...note, required: true }],
  mediate: [
    {
      name: 'outcome',
      kind: 'choice',
      label: 'field.outcome',
      required: true,
      options: ['success', 'failed', 'partial'],
      optionPrefix: 'outcome',
    },
    { name: 'participants', kind: 'list', label: 'field.participants', required: false },
    { name: 'venue', kind: 'text', label: 'field.venue', required: false },
    note,
  ],
  link: [{ name: 'userIds', kind: 'people', label: 'field.userIds', required: true }, note],
  feedback: [{ name: 'result', kind: 'textarea', label: 'field.result', required: true }],
  verify: [note],
  rework: [reason],
  remind: [{ name: 'message', kind: 'textarea', label: 'field.message', required: false }],
  supervise: [
    reason,
    { name: 'dueInWorkdays', kind: 'number', label: 'field.dueInWorkdays', required: false, min: 1, max: 60 },
  ],
  escalate: [
    {
      name: 'reason',
      kind: 'choice',
      label: 'field.escalationReason',
      required: true,
      options: ['mediation_failed', 'beyond_authority'],
      optionPrefix: 'escalation',
    },
    { ...note, required: true },
  ],
  request_extension: [
    { name: 'hours', kind: 'number', label: 'field.hours', required: true, min: 1, max: 2000 },
    reason,
  ],
  approve_extension: [note],
  refuse_extension: [note],
  suspend: [reason],
  resume: [note],
  request_void: [reason],
  approve_void: [note],
  refuse_void: [note],
  visit: [
    { name: 'satisfied', kind: 'yesno', label: 'field.satisfied', required: true },
    { name: 'rating', kind: 'number', label: 'field.rating', required: false, min: 1, max: 5 },
    { name: 'comment', kind: 'textarea', label: 'field.comment', required: false },
  ],
  close: [difficulty('finalDifficulty', 'field.finalDifficulty'), note],
};

/**
 * Photos an action's form takes (数字城管 practice): the handler shows the state before and after
 * the work with progress and feedback.
 */
export const ACTION_PHOTOS: Record<string, readonly ('before' | 'after')[]> = {
  progress: ['before'],
  feedback: ['before', 'after'],
};

/** What a form holds while it is filled in. */
export type FormValues = Record<string, string | string[]>;

/** The first required field left empty, if any. */
export function missingField(fields: readonly FieldSpec[], values: FormValues): FieldSpec | undefined {
  return fields.find((f) => {
    if (!f.required) return false;
    const v = values[f.name];
    return v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === '');
  });
}

/** The request body: trimmed text, numbers, arrays and booleans; empty optional fields left out. */
export function bodyOf(fields: readonly FieldSpec[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length > 0) body[f.name] = v;
      continue;
    }
    const text = v.trim();
    if (text === '') continue;
    if (f.kind === 'number') body[f.name] = Number(text);
    else if (f.kind === 'yesno') body[f.name] = text === 'yes';
    else if (f.kind === 'list')
      body[f.name] = text
        .split(/[,，、;；\n]+/)
        .map((s) => s.trim())
        .filter(Boolean);
    else body[f.name] = text;
  }
  return body;
}
