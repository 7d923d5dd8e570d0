import { describe, expect, it } from 'vitest';
import { checkAreas } from '../areas/checks.ts';
import { locate } from '../areas/polygon-math.ts';
import { buildDemoHouseholds } from './households.ts';
import { buildDemoLayout, DEMO_CODES } from './layout.ts';
import { DEMO_PLACES } from './places.ts';

const layout = buildDemoLayout();
const households = buildDemoHouseholds(layout);
const byCode = new Map(layout.map((a) => [a.code, a]));

describe('the Wushen Banner demo layout', () => {
  it('is the same on every run', () => {
    expect(buildDemoLayout()).toEqual(layout);
    expect(buildDemoHouseholds(buildDemoLayout())).toEqual(households);
  });

  it('has the banner, its 5 towns and 1 sumu, and 3–6 villages or communities in each', () => {
    const banner = byCode.get('150626');
    expect(banner).toMatchObject({
      kind: 'banner',
      nameZh: '乌审旗',
      nameEn: 'Wushen Banner',
      nameMn: 'ᠦᠦᠰᠢᠨ ᠬᠣᠰᠢᠭᠤ',
    });
    const towns = layout.filter((a) => a.kind === 'town');
    expect(towns.map((t) => t.nameZh).sort()).toEqual(
      ['乌兰陶勒盖镇', '乌审召镇', '嘎鲁图镇', '图克镇', '无定河镇', '苏力德苏木'].sort(),
    );
    for (const town of towns) {
      const villages = layout.filter((a) => a.parentCode === town.code);
      expect(villages.length, town.nameZh).toBeGreaterThanOrEqual(3);
      expect(villages.length, town.nameZh).toBeLessThanOrEqual(6);
    }
    expect(layout.filter((a) => a.kind === 'enterprise_grid')).toHaveLength(2);
    expect(layout.every((a) => a.nameZh && a.nameEn)).toBe(true);
  });

  it('names every area in traditional Mongolian script too (issue 7 #16)', () => {
    const mongolian = /^[\u1800-\u18AF\u202F ]+$/;
    const unnamed = layout.filter((a) => !a.nameMn || !mongolian.test(a.nameMn)).map((a) => a.nameZh);
    expect(unnamed).toEqual([]);
    // Siblings are told apart in Mongolian as in Chinese.
    const siblings = new Map<string, Set<string>>();
    for (const a of layout) {
      const names = siblings.get(a.parentCode ?? '') ?? new Set<string>();
      expect(names.has(a.nameMn ?? ''), a.nameZh).toBe(false);
      names.add(a.nameMn ?? '');
      siblings.set(a.parentCode ?? '', names);
    }
    expect(byCode.get(DEMO_CODES.storyTown)?.nameMn).toBe('ᠦᠦᠰᠢᠨ ᠵᠣᠤ ᠪᠠᠯᠭᠠᠰᠤ');
    expect(byCode.get(DEMO_CODES.pastoralGrid)?.nameMn).toBe('ᠪᠠᠶᠠᠨ ᠣᠪᠣᠭ᠎ᠠ ᠭᠠᠴᠠᠭ᠎ᠠ ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠪᠠᠭ');
  });

  it('gives the seat urban communities with community grids and micro-grids', () => {
    const galutuGrids = layout.filter((a) => a.code.startsWith(DEMO_CODES.galutu));
    expect(galutuGrids.filter((a) => a.kind === 'community_grid').length).toBeGreaterThan(0);
    expect(galutuGrids.filter((a) => a.kind === 'micro_grid').length).toBeGreaterThan(0);
    const seat = [108.84, 38.6];
    const seatGrid = layout.find((a) => a.kind === 'micro_grid' && locate(seat, a.polygon) === 'inside');
    expect(seatGrid?.code.startsWith(DEMO_CODES.galutu)).toBe(true);
  });

  it('has a few thousand households, within the caps, and violates no area rule', () => {
    expect(households.length).toBeGreaterThanOrEqual(3000);
    expect(households.length).toBeLessThanOrEqual(5000);
    const violations = checkAreas({
      areas: layout.map((a) => ({
        id: a.code,
        parentId: a.parentCode,
        kind: a.kind,
        code: a.code,
        depth: a.code.length / 3 - 2,
        geometry: a.polygon,
      })),
      households: households.map((h, i) => ({ id: String(i), gridId: h.gridCode, lng: h.lng, lat: h.lat })),
    });
    expect(violations).toEqual([]);
  });

  it('places the named points inside their grids', () => {
    for (const place of [DEMO_PLACES.pastoralGrid, DEMO_PLACES.otherGrid, DEMO_PLACES.galutuCommunity]) {
      const grid = byCode.get(place.code);
      expect(grid && locate([place.lng, place.lat], grid.polygon)).toBe('inside');
    }
    expect(DEMO_PLACES.pastoralGrid.code).toBe(DEMO_CODES.pastoralGrid);
    const banner = byCode.get('150626');
    expect(banner && locate([DEMO_PLACES.outside.lng, DEMO_PLACES.outside.lat], banner.polygon)).toBe(
      'outside',
    );
  });
});
