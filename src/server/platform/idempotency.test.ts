/**
 * Idempotency-Key (issue 7 #22, IETF draft-ietf-httpapi-idempotency-key-header): a retry with the
 * same key and the same request is answered with the first result; the same key with a different
 * request is refused with 422 naming the key, and nothing of the second request is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../modules/demo/seed.ts';
import { createDemoApp, type DemoApp } from '../testing/demo.ts';

let t: DemoApp;
const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };

beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(async () => {
  await t?.close();
});

async function casesDescribed(description: string): Promise<number> {
  const rows = await t.database.db
    .selectFrom('case_file')
    .select('id')
    .where('description', '=', description)
    .execute();
  return rows.length;
}

describe('Idempotency-Key', () => {
  it('refuses a report that reuses a key with a different body, naming the key', async () => {
    const herder = await t.as('herder');
    const key = 'outbox-report-7f3a';
    const first = await herder.post(
      '/api/v1/cases',
      { description: '草场围栏被拆了一段', ...place },
      { 'idempotency-key': key },
    );
    expect(first.status).toBe(201);

    const reused = await herder.post(
      '/api/v1/cases',
      { description: '另一件事：水井坏了', ...place },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(reused.body.error.message).toContain(key);
    expect(reused.body.error.details).toMatchObject({ field: 'Idempotency-Key', key });
    expect(await casesDescribed('另一件事：水井坏了')).toBe(0);
  });

  it('still replays the first result for the same body, whatever the order of its members', async () => {
    const herder = await t.as('herder');
    const key = 'outbox-report-88c1';
    const body = { description: '路灯不亮，晚上放牧回来看不见', caseType: 'neighbour', ...place };
    const first = await herder.post('/api/v1/cases', body, { 'idempotency-key': key });
    const reordered = {
      lat: body.lat,
      lng: body.lng,
      caseType: body.caseType,
      description: body.description,
    };
    const retry = await herder.post('/api/v1/cases', reordered, { 'idempotency-key': key });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
    expect(await casesDescribed(body.description)).toBe(1);
  });

  it('refuses a workflow action that reuses a key with a different body', async () => {
    const herder = await t.as('herder');
    const chief = await t.as('grid.chief');
    const worker = await t.as('grid.worker');
    const made = await herder.post('/api/v1/cases', {
      description: '牧道被占',
      caseType: 'neighbour',
      ...place,
    });
    const id = made.body.id as string;
    expect((await chief.act(id, 'register', { caseType: 'neighbour' })).status).toBe(200);
    expect((await chief.act(id, 'dispatch', { handlerIds: [worker.userId] })).status).toBe(200);
    expect((await worker.act(id, 'accept')).body.status).toBe('handling');

    const url = `/api/v1/cases/${id}/actions/progress`;
    const key = 'outbox-progress-5d20';
    const first = await worker.post(url, { note: '已入户走访' }, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    const reused = await worker.post(url, { note: '第二次走访，已调解' }, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    const replay = await worker.post(url, { note: '已入户走访' }, { 'idempotency-key': key });
    expect(replay.status).toBe(200);
    const history = await worker.get(`/api/v1/cases/${id}/history`);
    const notes = history.body
      .filter((e: { type: string }) => e.type === 'progress_recorded')
      .map((e: { payload: { note?: string } }) => e.payload.note);
    expect(notes).toEqual(['已入户走访']);
  });
});
