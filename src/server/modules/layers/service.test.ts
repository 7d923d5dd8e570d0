/**
 * One transaction per import (all or nothing), on the test database (SQLite, or PostgreSQL with
 * ZHIZHI_TEST_DATABASE_URL): when writing the grids fails after the layer row went in, no layer is
 * left behind.
 */
import type { Kysely, Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../database.ts';
import type { Actor } from '../../platform/actor.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { insertUser, testPasswordHash } from '../../testing/fixtures.ts';
import { createLayerService } from './service.ts';

let database: TestDatabase;
let admin: Actor;
const clock = new ManualClock('2026-11-23T01:30:00.000Z');

const file = new TextEncoder().encode(
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { 编码: 'A' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [108.8, 38.6],
              [108.81, 38.6],
              [108.81, 38.61],
              [108.8, 38.6],
            ],
          ],
        },
      },
    ],
  }),
);

/** The database, except that inserting grids inside a transaction fails (a disk full, a lost connection). */
function failingGridWrites(db: Kysely<Database>): Kysely<Database> {
  const failingTx = (tx: Transaction<Database>) =>
    new Proxy(tx, {
      get(target, property, receiver) {
        if (property !== 'insertInto') return Reflect.get(target, property, receiver);
        return (table: keyof Database) => {
          if (table === 'grid_layer_feature') throw new Error('simulated write failure');
          return target.insertInto(table);
        };
      },
    });
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver);
      return () => ({
        execute: <T>(fn: (tx: Transaction<Database>) => Promise<T>) =>
          target.transaction().execute((tx) => fn(failingTx(tx))),
      });
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const userId = await insertUser(database.db, { username: 'admin', passwordHash: await testPasswordHash() });
  admin = { userId, username: 'admin', displayName: 'admin', assignments: [] };
});
afterAll(() => database.dispose());

describe('layer import', () => {
  it('writes nothing when the grids cannot be written', async () => {
    const broken = createLayerService({
      database: { ...database, db: failingGridWrites(database.db) },
      clock,
    });
    const input = { name: 'x', format: 'geojson', crs: 'wgs84', fields: {} } as const;
    await expect(broken.importLayer(admin, input, file)).rejects.toThrow('simulated write failure');
    const layers = createLayerService({ database, clock });
    expect(await layers.list()).toEqual([]);
    const made = await layers.importLayer(admin, input, file);
    expect(await layers.list()).toEqual([made]);
    expect((await layers.features(made.id)).features).toHaveLength(1);
  });
});
