/**
 * No raw code on a screen (issue 7 #13): every workflow action and every history event type the
 * server knows (its closed catalogues) has a label in the console's and the worker app's
 * dictionaries — otherwise `labelOf` would show the code itself, e.g. "accept".
 */
import { describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES } from '../src/server/modules/cases/events.ts';
import { CASE_ACTIONS } from '../src/server/modules/cases/state-machine.ts';
import { CONSOLE_EN, CONSOLE_ZH } from '../src/web/console/i18n.ts';
import { dictionaries as WORKER } from '../src/web/worker/i18n/index.ts';

const missing = (dictionary: Record<string, string>, keys: string[]) =>
  keys.filter((k) => !(k in dictionary) || dictionary[k]?.trim() === '');

describe('labels for every server code', () => {
  const actions = [...CASE_ACTIONS];
  const events = [...CASE_EVENT_TYPES];

  it('the console names every action and every history event, in Chinese and English', () => {
    for (const dictionary of [CONSOLE_ZH, CONSOLE_EN] as Record<string, string>[]) {
      expect(
        missing(
          dictionary,
          actions.map((a) => `act.${a}`),
        ),
      ).toEqual([]);
      expect(
        missing(
          dictionary,
          events.map((e) => `event.${e}`),
        ),
      ).toEqual([]);
    }
  });

  it('the worker app names every action and every history event, in Chinese, English and Mongolian', () => {
    for (const dictionary of Object.values(WORKER) as Record<string, string>[]) {
      expect(
        missing(
          dictionary,
          actions.map((a) => `action.${a}`),
        ),
      ).toEqual([]);
      expect(
        missing(
          dictionary,
          events.map((e) => `event.${e}`),
        ),
      ).toEqual([]);
    }
  });
});
