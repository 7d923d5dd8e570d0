/**
 * `formatMessage(lang, key, params)`: one catalogue entry with its `{name}` placeholders filled.
 * Parameters that name a value of the domain vocabulary (status, action, role, area kind, level,
 * step) are shown by their name in that language, `field` by the field's label, and times
 * (`dueAt`, `at`, …) in Asia/Shanghai local time. The server renders English for the `message` of
 * an error body; the apps render the reader's language from `key` and `params`.
 */
import { en, enFields, enVocabulary } from './en.ts';
import { FIELD_NAMES, type FieldName, MESSAGE_KEYS, type MessageKey, type VocabularyKey } from './keys.ts';
import { mn, mnFields, mnVocabulary } from './mn.ts';
import { formatLocalTime } from './time.ts';
import { zh, zhFields, zhVocabulary } from './zh.ts';

export type { FieldName, MessageKey, VocabularyKey } from './keys.ts';

/** Languages the catalogue is written in. */
export type MessageLang = 'zh' | 'en' | 'mn';

/** Values a message may carry; lists are joined in the reader's language. */
export type MessageParam = string | number | boolean | null | undefined | readonly (string | number)[];
export type MessageParams = Readonly<Record<string, MessageParam>>;

/** A message as data: its code and parameters (what errors, notifications and notes carry). */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

/** Every message in every language: complete records, so a missing translation is a type error. */
export const CATALOGUE: Record<MessageLang, Record<MessageKey, string>> = { zh, en, mn };
export const VOCABULARY: Record<MessageLang, Record<VocabularyKey, string>> = {
  zh: zhVocabulary,
  en: enVocabulary,
  mn: mnVocabulary,
};
export const FIELD_LABELS: Record<MessageLang, Record<FieldName, string>> = {
  zh: zhFields,
  en: enFields,
  mn: mnFields,
};

/** Parameters whose values are words of the vocabulary, by the prefix of their vocabulary keys. */
const VOCABULARY_PARAMS: Readonly<Record<string, string>> = {
  status: 'status',
  action: 'action',
  role: 'role',
  roles: 'role',
  kind: 'area_kind',
  kinds: 'area_kind',
  parentKind: 'area_kind',
  level: 'level',
  step: 'step',
  what: 'what',
  format: 'format',
  type: 'type',
};

/** Parameters that hold a moment (ISO 8601), shown in Asia/Shanghai local time. */
const TIME_PARAMS: ReadonlySet<string> = new Set(['at', 'dueAt', 'newDueAt', 'until']);

const LIST_SEPARATOR: Record<MessageLang, string> = { zh: '、', en: ', ', mn: '᠂ ' };
const FIELD_SEPARATOR: Record<MessageLang, string> = { zh: '：', en: ': ', mn: '᠄ ' };

const KEYS: ReadonlySet<string> = new Set(MESSAGE_KEYS);
const FIELDS: ReadonlySet<string> = new Set(FIELD_NAMES);

/** Whether a string from the wire is a code of this catalogue (an older app may meet a newer key). */
export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === 'string' && KEYS.has(key);
}

/**
 * The label of a request field such as `password`, `rules[2].caseType` or `body/intoCaseId` in
 * `lang`: the last named segment's label, or the path itself when the catalogue has none.
 * `labels` (an app's own form labels) win over the catalogue.
 */
export function fieldLabel(
  lang: MessageLang,
  path: string,
  labels?: Readonly<Record<string, string>>,
): string {
  if (labels?.[path]) return labels[path];
  const names = path.split(/[./[\]]+/).filter((s) => s !== '' && !/^\d+$/.test(s));
  const last = names.at(-1);
  if (last === undefined) return path;
  if (labels?.[last]) return labels[last];
  return FIELDS.has(last) ? FIELD_LABELS[lang][last as FieldName] : path;
}

/** One vocabulary word (`status.handling` → 处置中), or the value itself when it is not one. */
export function vocabularyWord(lang: MessageLang, prefix: string, value: string | number): string {
  const key = `${prefix}.${value}` as VocabularyKey;
  return VOCABULARY[lang][key] ?? String(value);
}

/** How to render: an app's own field labels, or field names as they are (the server's English). */
export interface FormatOptions {
  labels?: Readonly<Record<string, string>>;
  rawFields?: boolean;
}

function renderParam(lang: MessageLang, name: string, value: MessageParam, options: FormatOptions): string {
  if (value === undefined || value === null) return '';
  const prefix = VOCABULARY_PARAMS[name];
  if (Array.isArray(value)) {
    return value
      .map((v) => (prefix ? vocabularyWord(lang, prefix, v) : String(v)))
      .join(LIST_SEPARATOR[lang]);
  }
  const scalar = value as string | number | boolean;
  if (name === 'field' || name === 'other') {
    return options.rawFields ? String(scalar) : fieldLabel(lang, String(scalar), options.labels);
  }
  if (prefix && typeof scalar !== 'boolean') return vocabularyWord(lang, prefix, scalar);
  if (TIME_PARAMS.has(name) && typeof scalar === 'string') return formatLocalTime(scalar, lang);
  return String(scalar);
}

/**
 * The message `key` in `lang` with its parameters filled in. A `field` the sentence does not name
 * is put in front of it ("location: the point is outside every grid").
 */
export function formatMessage(
  lang: MessageLang,
  key: MessageKey,
  params?: MessageParams,
  options: FormatOptions = {},
): string {
  const template = CATALOGUE[lang][key] ?? CATALOGUE.en[key] ?? key;
  const field = params?.field;
  const prefix =
    typeof field === 'string' && field !== '' && !template.includes('{field}')
      ? `${renderParam(lang, 'field', field, options)}${FIELD_SEPARATOR[lang]}`
      : '';
  return (
    prefix +
    template.replace(/\{(\w+)\}/g, (_, name: string) => renderParam(lang, name, params?.[name], options))
  );
}
