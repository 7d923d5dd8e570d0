/**
 * Open311 intake is one transaction: the case and the request record beside it (token, attributes,
 * contact) commit together, so a failure writing the record leaves no case, no history, no job.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import { createVault } from '../../platform/vault/vault.ts';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';
import { issueDemoOpen311Key } from './cli.ts';
import { createServiceRequest } from './intake.ts';
import { createOpen311Keys } from './keys.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const fields = {
  service_code: 'neighbour',
  lat: String(DEMO_PLACES.galutuCommunity.lat),
  long: String(DEMO_PLACES.galutuCommunity.lng),
  description: '楼上漏水',
  first_name: '其其格',
};

async function counts() {
  const { db } = t.database;
  const count = async (table: 'case_file' | 'case_event' | 'job' | 'open311_request') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    cases: await count('case_file'),
    events: await count('case_event'),
    jobs: await count('job'),
    requests: await count('open311_request'),
  };
}

async function keyHolder() {
  const issued = await issueDemoOpen311Key(t.database.db, t.clock);
  const keys = createOpen311Keys(t.database.db, t.clock);
  const holder = await keys.verify(issued.key);
  if (!holder) throw new Error('key not verified');
  return { id: holder.id, actor: await keys.accountOf(holder) };
}

describe('Open311 intake', () => {
  it('writes the case and its request record together', async () => {
    const key = await keyHolder();
    const before = await counts();
    const vault = createVault({ db: t.database.db, cipher: t.cipher, clock: t.clock });
    const deps = { db: t.database.db, vault, cases: t.services.cases, now: () => t.clock.now() };
    const created = await createServiceRequest(deps, key, fields, undefined);
    expect(created.token).toMatch(/^[0-9a-f]{32}$/);
    const after = await counts();
    expect(after.cases).toBe(before.cases + 1);
    expect(after.requests).toBe(before.requests + 1);
  });

  it('leaves nothing behind when writing the request record fails', async () => {
    const key = await keyHolder();
    const before = await counts();
    const failing: PersonalDataCipher = {
      ...t.cipher,
      encrypt: () => {
        throw new Error('cipher down');
      },
    };
    const vault = createVault({ db: t.database.db, cipher: failing, clock: t.clock });
    const deps = { db: t.database.db, vault, cases: t.services.cases, now: () => t.clock.now() };
    await expect(createServiceRequest(deps, key, fields, 'retry-1')).rejects.toThrow('cipher down');
    expect(await counts()).toEqual(before);
  });
});
