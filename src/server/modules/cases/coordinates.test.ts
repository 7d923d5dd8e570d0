/**
 * Coordinates of a report (SPEC §1, issue 7 #20): GCJ-02 from a phone is converted on input, the
 * case stores WGS-84/CGCS2000, and a client that asks gets GCJ-02 back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../areas/coords.ts';
import { DEMO_PLACES } from '../demo/seed.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

/**
 * A WGS-84 point inside 一社 (PG) whose GCJ-02 form, read as if it were WGS-84, falls outside it:
 * walked from PG's centre towards 二社 until the ~0.5 km GCJ-02 shift crosses the boundary.
 */
async function pointWhereConversionChangesTheGrid() {
  const pg = await t.services.areas.gridOf(DEMO_PLACES.pastoralGrid.lng, DEMO_PLACES.pastoralGrid.lat);
  const a = DEMO_PLACES.pastoralGrid;
  const b = DEMO_PLACES.otherGrid;
  for (let i = 0; i <= 400; i++) {
    const f = i / 400;
    const wgs = { lng: a.lng + (b.lng - a.lng) * f, lat: a.lat + (b.lat - a.lat) * f };
    const gcj = wgs84ToGcj02(wgs.lng, wgs.lat);
    const here = await t.services.areas.gridOf(wgs.lng, wgs.lat, 'wgs84');
    const raw = await t.services.areas.gridOf(gcj.lng, gcj.lat, 'wgs84');
    if (here?.gridId === pg?.gridId && raw?.gridId !== pg?.gridId) return { wgs, gcj, gridId: pg?.gridId };
  }
  throw new Error('no point near the 一社/二社 boundary where GCJ-02 changes the grid');
}

describe('a report located in GCJ-02', () => {
  it('lands in the grid of its true position and stores WGS-84, not the GCJ-02 it was sent in', async () => {
    const { wgs, gcj, gridId } = await pointWhereConversionChangesTheGrid();
    const herder = await t.as('herder');
    const c = await herder.post('/api/v1/cases', {
      description: '网围栏被毁',
      lng: gcj.lng,
      lat: gcj.lat,
      crs: 'gcj02',
    });
    expect(c.status).toBe(201);
    expect(c.body.gridId).toBe(gridId);
    // read back from the database: the true (WGS-84) position, to ~1 cm
    const stored = await t.database.db
      .selectFrom('case_file')
      .select(['lng', 'lat'])
      .where('id', '=', c.body.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.lng)).toBeCloseTo(wgs.lng, 7);
    expect(Number(stored.lat)).toBeCloseTo(wgs.lat, 7);
    // and through the API, in WGS-84 by default
    const read = await herder.get(`/api/v1/cases/${c.body.id}`);
    expect(read.body.location.lng).toBeCloseTo(wgs.lng, 7);
    expect(read.body.location.lat).toBeCloseTo(wgs.lat, 7);
    expect(read.body.location.crs).toBe('wgs84');
  });

  it('gives the location in GCJ-02 to a client that asks (?crs=gcj02)', async () => {
    const place = DEMO_PLACES.pastoralGrid;
    const herder = await t.as('herder');
    const c = await herder.post('/api/v1/cases', {
      description: '网围栏被毁',
      lng: place.lng,
      lat: place.lat,
    });
    const asked = await herder.get(`/api/v1/cases/${c.body.id}?crs=gcj02`);
    const expected = wgs84ToGcj02(place.lng, place.lat);
    expect(asked.body.location).toMatchObject({ crs: 'gcj02' });
    expect(asked.body.location.lng).toBeCloseTo(expected.lng, 9);
    expect(asked.body.location.lat).toBeCloseTo(expected.lat, 9);
    // the shift is real here (hundreds of metres), so the two answers differ
    expect(Math.abs(asked.body.location.lng - place.lng)).toBeGreaterThan(0.001);
    const back = gcj02ToWgs84(asked.body.location.lng, asked.body.location.lat);
    expect(back.lng).toBeCloseTo(place.lng, 7);
    expect((await herder.get(`/api/v1/cases/${c.body.id}?crs=bd09`)).status).toBe(400);
  });
});
