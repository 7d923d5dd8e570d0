/**
 * One vocabulary (issue 7 #17): every case status has a name in zh, en and mn here, the three apps
 * show exactly these names, and no app dictionary names statuses (or the other shared labels) itself.
 */
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, DIFFICULTIES, LEVELS, ROLES } from '../../shared/domain.ts';
import { ADMIN_EN, ADMIN_ZH } from '../console/admin/i18n.ts';
import { CONSOLE_EN, CONSOLE_ZH } from '../console/i18n.ts';
import { en as WORKER_EN } from '../worker/i18n/en.ts';
import { zh as WORKER_ZH } from '../worker/i18n/zh.ts';
import {
  ACTION_LABELS,
  DIFFICULTY_LABELS,
  EVENT_LABELS,
  LEVEL_LABELS,
  LIGHT_LABELS,
  LIGHTS,
  ROLE_LABELS,
  STATUS_LABELS,
  statusLabel,
} from './vocabulary.ts';

/** The source of every dictionary file of the three apps, by path. */
const DICTIONARY_FILES: Record<string, string> = import.meta.glob(
  [
    '../console/i18n.ts',
    '../console/admin/i18n.ts',
    '../worker/i18n/*.ts',
    '../resident/i18n/*.ts',
    '!**/index.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
);
const RESIDENT_TIMELINE = Object.values(
  import.meta.glob('../resident/cases/timeline.ts', { query: '?raw', import: 'default', eager: true }),
)[0] as string;

describe('the shared vocabulary', () => {
  it('names every case status in Chinese, English and Mongolian, each name once per language', () => {
    for (const lang of ['zh', 'en', 'mn'] as const) {
      const names = CASE_STATUSES.map((s) => STATUS_LABELS[s]?.[lang]);
      for (const [i, name] of names.entries()) {
        expect(name?.trim(), `${CASE_STATUSES[i]} in ${lang}`).toBeTruthy();
      }
      expect(new Set(names).size, `two statuses share a name in ${lang}`).toBe(names.length);
    }
    expect(statusLabel('dispatched', 'zh')).toBe('待接收');
  });

  it('names every role, level, light and difficulty tier in Chinese and English', () => {
    for (const r of ROLES) expect(ROLE_LABELS[r].zh && ROLE_LABELS[r].en, r).toBeTruthy();
    for (const l of LEVELS) expect(LEVEL_LABELS[l].zh && LEVEL_LABELS[l].en, String(l)).toBeTruthy();
    for (const l of LIGHTS) expect(LIGHT_LABELS[l].zh && LIGHT_LABELS[l].en, l).toBeTruthy();
    for (const d of DIFFICULTIES) expect(DIFFICULTY_LABELS[d].zh && DIFFICULTY_LABELS[d].en, d).toBeTruthy();
  });

  it('is what the worker app and the console (with its admin pages) show', () => {
    const dictionaries = [
      ['zh', WORKER_ZH],
      ['en', WORKER_EN],
      ['zh', CONSOLE_ZH],
      ['en', CONSOLE_EN],
      ['zh', ADMIN_ZH],
      ['en', ADMIN_EN],
    ] as const;
    for (const [lang, dict] of dictionaries) {
      const d = dict as Record<string, string>;
      for (const s of CASE_STATUSES) expect(d[`status.${s}`]).toBe(STATUS_LABELS[s][lang]);
      for (const r of ROLES) expect(d[`role.${r}`]).toBe(ROLE_LABELS[r][lang]);
      for (const [a, label] of Object.entries(ACTION_LABELS)) expect(d[`action.${a}`], a).toBe(label[lang]);
      for (const [e, label] of Object.entries(EVENT_LABELS)) expect(d[`event.${e}`], e).toBe(label[lang]);
    }
    for (const [lang, d] of [
      ['zh', WORKER_ZH],
      ['en', CONSOLE_EN],
    ] as const) {
      for (const l of LIGHTS) expect((d as Record<string, string>)[`light.${l}`]).toBe(LIGHT_LABELS[l][lang]);
    }
  });

  it('is the only place that names them: no app dictionary defines status, role, level, light, difficulty, action or event labels', () => {
    const actions = Object.keys(ACTION_LABELS).join('|');
    const own = new RegExp(
      String.raw`^\s*['"]?(status\.|status(Reported|Registered|Dispatched|Handling|Feedback|Verified|Visited|Archived|Suspended|Rejected|Merged|Voided)\b|role\.(?!reporter|handler|system)|level\.\d|light\.(green|yellow|red)|difficulty\.|event\.|action\.(${actions})')`,
      'm',
    );
    expect(Object.keys(DICTIONARY_FILES).length).toBeGreaterThanOrEqual(7);
    for (const [file, text] of Object.entries(DICTIONARY_FILES)) {
      expect(own.exec(text)?.[0], `${file} defines its own label`).toBeUndefined();
    }
    // The resident app shows statuses through the shared vocabulary too.
    expect(RESIDENT_TIMELINE).toContain("from '../../shared/vocabulary.ts'");
  });
});
