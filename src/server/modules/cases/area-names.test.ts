/** A case names its grid and handling area in every language the apps show (issue 7 #16: Mongolian too). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

describe('area names on a case', () => {
  it('gives the grid its Chinese, English and Mongolian names', async () => {
    const herder = await t.as('herder');
    const reported = await herder.post('/api/v1/cases', {
      description: '牧道被占，羊群无法通过。',
      lng: DEMO_PLACES.pastoralGrid.lng,
      lat: DEMO_PLACES.pastoralGrid.lat,
    });
    expect(reported.status).toBe(201);
    const seen = await herder.get(`/api/v1/cases/${reported.body.id}`);
    expect(seen.body.grid.name).toEqual({
      zh: '巴音敖包嘎查一社',
      en: 'Bayan Obo Gacha Unit Grid 1',
      mn: 'ᠪᠠᠶᠠᠨ ᠣᠪᠣᠭ᠎ᠠ ᠭᠠᠴᠠᠭ᠎ᠠ ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠪᠠᠭ',
    });
  });
});
