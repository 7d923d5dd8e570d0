/**
 * Issue 7 #3: area checks over polygons of tens of thousands of vertices finish, and the server keeps
 * answering meanwhile; polygons above the vertex limit and self-intersecting ones are refused.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { type AuthHeader, box, insertUser, signIn, testPasswordHash } from '../../testing/fixtures.ts';
import { MAX_POLYGON_VERTICES, type Polygon } from './geometry.ts';

let t: TestApp;
let admin: AuthHeader;
let baseUrl: string;
const ids: Record<string, string> = {};

const round = (n: number) => Math.round(n * 1e7) / 1e7;

/**
 * A zigzag border from south to north at x ≈ `x`: `points` corners alternating `amplitude` east and
 * west of it — the kind of wiggly line a surveyed boundary is.
 */
function zigzag(x: number, points: number, amplitude: number): number[][] {
  return Array.from({ length: points }, (_, i) => [
    round(x + (i % 2 === 0 ? amplitude : -amplitude)),
    round(38 + (0.1 * i) / (points - 1)),
  ]);
}

/**
 * Two grids of exactly `vertices` corners each, meeting along a zigzag border near x = 109.1: the
 * west one bounded by the zigzag at 109.1, the east one by the same zigzag moved 0.0005° west, so
 * they overlap in a thin sliver.
 */
function westAndEast(vertices: number): { west: Polygon; east: Polygon } {
  const border = zigzag(109.1, vertices - 2, 0.001);
  const shifted = border.map(([x, y]) => [round((x as number) - 0.0005), y as number]);
  const west = [[109.0, 38.0], ...border, [109.0, 38.1], [109.0, 38.0]];
  const east = [[109.2, 38.1], ...[...shifted].reverse(), [109.2, 38.0], [109.2, 38.1]];
  return { west: { type: 'Polygon', coordinates: [west] }, east: { type: 'Polygon', coordinates: [east] } };
}

const verticesOf = (p: Polygon) => p.coordinates.reduce((n, ring) => n + ring.length - 1, 0);

async function createArea(parent: string | null, kind: string, code: string, polygon: unknown) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/areas',
    headers: admin,
    payload: { parentId: parent ? ids[parent] : null, kind, code, nameZh: code, nameEn: code, polygon },
  });
}

beforeAll(async () => {
  t = await createTestApp();
  await insertUser(t.database.db, {
    username: 'admin',
    passwordHash: await testPasswordHash(),
    assignments: [{ role: 'admin', areaId: null }],
  });
  admin = await signIn(t.app, 'admin');
  for (const [key, parent, kind, code] of [
    ['banner', null, 'banner', '150626'],
    ['town', 'banner', 'town', '150626101'],
    ['gacha', 'town', 'village', '150626101201'],
  ] as const) {
    const res = await createArea(parent, kind, code, box(109.0, 38.0, 109.2, 38.1));
    expect(res.statusCode, `${key}: ${res.body}`).toBe(201);
    ids[key] = res.json().id;
  }
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

describe('area polygons of tens of thousands of vertices', () => {
  it('states the vertex limit as 20,000 or more', () => {
    expect(MAX_POLYGON_VERTICES).toBeGreaterThanOrEqual(20_000);
  });

  it('checks two 20,000-vertex siblings, finding their overlap, while /healthz keeps answering', async () => {
    const { west, east } = westAndEast(20_000);
    expect(verticesOf(west)).toBe(20_000);
    expect(verticesOf(east)).toBe(20_000);
    const w = await createArea('gacha', 'unit_grid', '150626101201001', west);
    expect(w.statusCode, w.body).toBe(201);
    const e = await createArea('gacha', 'unit_grid', '150626101201002', east);
    expect(e.statusCode, e.body).toBe(201);

    // Over a real socket: the checks request goes first, /healthz second, and /healthz must come
    // back first — it cannot while the checks hold the event loop.
    const order: string[] = [];
    const checks = fetch(`${baseUrl}/api/v1/areas/checks`, { headers: admin }).then(async (res) => {
      order.push('checks');
      return { status: res.status, body: await res.json() };
    });
    const health = await fetch(`${baseUrl}/healthz`);
    order.push('healthz');
    expect(health.status).toBe(200);
    const result = await checks;
    expect(order).toEqual(['healthz', 'checks']);

    expect(result.status).toBe(200);
    const violations = result.body.violations as {
      kind: string;
      code: string;
      details: { otherCode?: string };
    }[];
    const overlaps = violations.filter((v) => v.kind === 'sibling_overlap');
    expect(overlaps).toEqual([
      expect.objectContaining({
        code: '150626101201001',
        details: expect.objectContaining({ otherCode: '150626101201002' }),
      }),
    ]);
    // Both grids lie inside their gacha (their borders run along its edges and inside it).
    expect(violations.filter((v) => v.kind === 'outside_parent')).toEqual([]);
  }, 180_000);

  it('refuses a polygon with more vertices than the limit, naming the field', async () => {
    const { west } = westAndEast(MAX_POLYGON_VERTICES + 1);
    const res = await createArea('gacha', 'unit_grid', '150626101201003', west);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('polygon.coordinates');
    expect(res.json().error.message).toContain(String(MAX_POLYGON_VERTICES));
  }, 60_000);
});

describe('self-intersecting polygons', () => {
  const bowtie: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [109.0, 38.0],
        [109.1, 38.1],
        [109.1, 38.0],
        [109.0, 38.1],
        [109.0, 38.0],
      ],
    ],
  };

  it('refuses a bowtie on create with a 400 naming the ring and the crossing', async () => {
    const res = await createArea('gacha', 'unit_grid', '150626101201004', bowtie);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.details.field).toBe('polygon.coordinates[0]');
    expect(error.message).toMatch(/crosses itself/);
  });

  it('refuses a bowtie on update, and a hole crossing its outer ring', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/areas/${ids.gacha}`,
      headers: admin,
      payload: { polygon: bowtie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('polygon.coordinates[0]');

    const holeOut = {
      type: 'Polygon',
      coordinates: [
        box(109.0, 38.0, 109.2, 38.1).coordinates[0],
        box(109.1, 38.05, 109.3, 38.06).coordinates[0],
      ],
    };
    const crossing = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/areas/${ids.gacha}`,
      headers: admin,
      payload: { polygon: holeOut },
    });
    expect(crossing.statusCode).toBe(400);
    expect(crossing.json().error.details.field).toBe('polygon.coordinates[1]');
    expect(crossing.json().error.message).toMatch(/crosses ring 0/);
    // The area kept its polygon.
    const kept = await t.app.inject({ method: 'GET', url: `/api/v1/areas/${ids.gacha}`, headers: admin });
    expect(kept.json().polygon).toEqual(box(109.0, 38.0, 109.2, 38.1));
  });
});
