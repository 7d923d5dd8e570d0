/**
 * Server messages and times as a person here reads them: an error body or notification carries a
 * message code + params (src/shared/messages), shown in the interface language; times in
 * Asia/Shanghai local time. One place for all three apps.
 */
import {
  type FormatOptions,
  formatMessage,
  isMessageKey,
  type MessageLang,
  type MessageParams,
} from '../../shared/messages/format.ts';
import { formatLocalDate, formatLocalTime } from '../../shared/messages/time.ts';
import { LANG_KEY, type Lang } from './i18n.tsx';

/** The interface language chosen in this browser (zh when none). */
export function currentLang(): Lang {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANG_KEY);
  return saved === 'en' || saved === 'mn' ? saved : 'zh';
}

/** What the server sends that a person reads: an error body's `error`, or a notification. */
export interface ServerMessage {
  key?: unknown;
  params?: unknown;
  message?: string;
}

/**
 * The text of a server message in `lang`: its code translated, or — for a code this app does not
 * know yet — the server's own sentence.
 */
export function serverText(
  body: ServerMessage | undefined,
  lang: MessageLang = currentLang(),
  options?: FormatOptions,
): string {
  if (body && isMessageKey(body.key)) {
    return formatMessage(lang, body.key, (body.params ?? {}) as MessageParams, options);
  }
  return body?.message ?? '';
}

/** A moment in local (Asia/Shanghai) date and time, e.g. 12月2日 14:15; '' for none. */
export function localTime(iso: string | null | undefined, lang: MessageLang = currentLang()): string {
  return iso ? formatLocalTime(iso, lang) : '';
}

/** A moment's local (Asia/Shanghai) date, e.g. 12月2日; '' for none. */
export function localDate(iso: string | null | undefined, lang: MessageLang = currentLang()): string {
  return iso ? formatLocalDate(iso, lang) : '';
}
