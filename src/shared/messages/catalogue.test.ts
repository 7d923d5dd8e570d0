/**
 * Issue 7 #13: a test that fails on any untranslated code: every entry of the catalogue has a
 * non-empty zh, en and mn text with the same placeholders (keys the server uses: message-keys.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, FIELD_LABELS, formatMessage, type MessageLang, VOCABULARY } from './format.ts';
import { FIELD_NAMES, MESSAGE_KEYS, VOCABULARY_KEYS } from './keys.ts';
import { formatLocalTime } from './time.ts';

const LANGS: MessageLang[] = ['zh', 'en', 'mn'];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  it('translates every key, vocabulary word and field into zh, en and mn, with the same placeholders', () => {
    const problems: string[] = [];
    for (const lang of LANGS) {
      for (const key of MESSAGE_KEYS) {
        const text = CATALOGUE[lang][key];
        if (!text?.trim()) problems.push(`${lang} ${key}: empty`);
        else if (placeholders(text).join() !== placeholders(CATALOGUE.en[key]).join())
          problems.push(`${lang} ${key}: placeholders differ from en`);
      }
      for (const key of VOCABULARY_KEYS)
        if (!VOCABULARY[lang][key]?.trim()) problems.push(`${lang} ${key}: empty`);
      for (const key of FIELD_NAMES)
        if (!FIELD_LABELS[lang][key]?.trim()) problems.push(`${lang} field ${key}: empty`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps Chinese and Mongolian free of the English wording', () => {
    const copied = MESSAGE_KEYS.filter(
      (k) =>
        CATALOGUE.en[k] !== '{text}' &&
        CATALOGUE.en[k] !== '{usage}' &&
        (CATALOGUE.zh[k] === CATALOGUE.en[k] || CATALOGUE.mn[k] === CATALOGUE.en[k]),
    );
    expect(copied).toEqual([]);
  });
});

describe('formatMessage', () => {
  it('names fields by their label, vocabulary by its word and lists in the language', () => {
    const params = { field: 'rules[2].caseType', limit: 8 };
    expect(formatMessage('zh', 'validation.min_length', params)).toBe('事项类型至少 8 个字符');
    expect(formatMessage('en', 'validation.min_length', params)).toBe(
      'case type must be at least 8 characters',
    );
    expect(formatMessage('en', 'validation.min_length', params, { rawFields: true })).toBe(
      'rules[2].caseType must be at least 8 characters',
    );
    expect(formatMessage('zh', 'auth.needs_role', { roles: ['admin', 'leader'] })).toBe(
      '此操作需要以下角色：管理员、旗委政府领导',
    );
    expect(formatMessage('zh', 'case.location_outside_county', { field: 'location' })).toBe(
      '位置：该位置不在本旗任何网格内',
    );
    expect(formatMessage('zh', 'validation.required', { field: 'x' }, { labels: { x: '自定义' } })).toBe(
      '请填写自定义',
    );
  });

  it('shows times in Asia/Shanghai local time, never ISO', () => {
    const now = Date.parse('2026-11-30T00:00:00Z');
    expect(formatLocalTime('2026-12-02T06:15:43.806Z', 'zh', now)).toBe('12月2日 14:15');
    expect(formatLocalTime('2026-12-02T06:15:43.806Z', 'en', now)).toBe('2 Dec 14:15');
    expect(formatLocalTime('2026-12-31T17:00:00.000Z', 'zh', now)).toBe('2027年1月1日 01:00');
    const zh = formatMessage('zh', 'notice.extension_approved', { dueAt: '2026-12-02T06:15:43.806Z' });
    expect(zh).toMatch(/^延期已批准，新期限 12月2日 14:15$/);
  });
});
