/**
 * Names of case types, departments and areas in the reader's language (issue 8): `localName` picks
 * `name<Lang>` and falls back to Chinese; `levelName` names a handling level from the vocabulary.
 */
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../shared/domain.ts';
import { LEVEL_LABELS, levelName, localName } from './vocabulary.ts';

const department = { nameZh: '公安局', nameEn: 'Public Security Bureau', nameMn: 'ᠣᠯᠠᠨ ᠠᠮᠤᠷ ᠤᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ' };

describe('localName', () => {
  it('shows an API entity in the reader’s language', () => {
    expect(localName(department, 'zh')).toBe('公安局');
    expect(localName(department, 'en')).toBe('Public Security Bureau');
    expect(localName(department, 'mn')).toBe('ᠣᠯᠠᠨ ᠠᠮᠤᠷ ᠤᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ');
  });

  it('falls back to Chinese when the name in that language is missing, null or blank', () => {
    expect(localName({ nameZh: '司法局', nameEn: 'Justice Bureau', nameMn: null }, 'mn')).toBe('司法局');
    expect(localName({ nameZh: '司法局', nameEn: 'Justice Bureau' }, 'mn')).toBe('司法局');
    expect(localName({ nameZh: '司法局', nameEn: '  ', nameMn: '' }, 'en')).toBe('司法局');
    expect(localName({ nameZh: '司法局', nameEn: 'Justice Bureau', nameMn: ' ' }, 'mn')).toBe('司法局');
  });

  it('reads the { zh, en, mn } names the case JSON carries, and unknown languages as Chinese', () => {
    const grid = { zh: '巴音敖包嘎查一社', en: 'Bayan Obo Gacha Unit Grid 1', mn: 'ᠪᠠᠶᠠᠨ ᠣᠪᠣᠭ᠎ᠠ' };
    expect(localName(grid, 'mn')).toBe('ᠪᠠᠶᠠᠨ ᠣᠪᠣᠭ᠎ᠠ');
    expect(localName(grid, 'en')).toBe('Bayan Obo Gacha Unit Grid 1');
    expect(localName({ zh: '公安局', en: 'Police' }, 'mn')).toBe('公安局');
    expect(localName(grid, 'fr')).toBe('巴音敖包嘎查一社');
    expect(localName(null, 'en')).toBe('');
    expect(localName(undefined, 'mn')).toBe('');
  });
});

describe('levelName', () => {
  it('names each handling level from the vocabulary, Mongolian included', () => {
    for (const level of LEVELS) {
      for (const lang of ['zh', 'en', 'mn'] as const) {
        expect(levelName(level, lang)).toBe(LEVEL_LABELS[level][lang]);
      }
    }
    expect(levelName(1, 'mn')).toBe('ᠰᠦᠯᠵᠢᠶ᠎ᠡ');
    expect(levelName(9, 'en')).toBe('9');
  });
});
