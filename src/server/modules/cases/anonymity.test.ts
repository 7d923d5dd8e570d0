/**
 * 匿名 anonymous reports (issue 7 #2): the reporter's identity reaches no one but the reporter — not
 * through the case, its photos, its history, the lists, nor the full contact phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };
/** A tiny real JPEG (1×1, grey). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
);
const PHONE = '13947712345';

async function report(anonymous: boolean): Promise<string> {
  const herder = await t.as('herder');
  const c = await herder.post('/api/v1/cases', {
    description: '有人在草场上非法开采沙土',
    ...place,
    anonymous,
    contactPhone: PHONE,
  });
  expect(c.status).toBe(201);
  const photo = await herder.post(`/api/v1/cases/${c.body.id}/photos`, JPEG, {
    'content-type': 'image/jpeg',
  });
  expect(photo.status).toBe(201);
  return c.body.id;
}

/** Everything `viewer` can read about the case, as one string to search for the reporter in. */
async function everything(viewer: Client, id: string): Promise<string> {
  const reads = await Promise.all([
    viewer.get(`/api/v1/cases/${id}`),
    viewer.get(`/api/v1/cases/${id}/photos`),
    viewer.get(`/api/v1/cases/${id}/history`),
    viewer.get('/api/v1/cases?limit=500'),
    viewer.get('/api/v1/notifications?limit=200'),
  ]);
  for (const r of reads.slice(0, 3)) expect(r.status).toBe(200);
  return JSON.stringify(reads.map((r) => r.body));
}

describe('an anonymous report', () => {
  it('names its reporter to no member of staff: detail, photos, history, lists, notifications', async () => {
    const herder = await t.as('herder');
    const id = await report(true);
    const worker = await t.as('grid.worker');
    const chief = await t.as('grid.chief');
    await chief.act(id, 'register', { caseType: 'environment' });
    await chief.act(id, 'dispatch', { handlerIds: [worker.userId] });
    for (const who of ['town.operator', 'grid.chief', 'grid.worker', 'banner.inspector', 'leader']) {
      const viewer = await t.as(who);
      const seen = await everything(viewer, id);
      expect(seen, who).not.toContain(herder.userId);
      expect(seen, who).not.toContain('宝音'); // the herder's name
      expect(seen, who).not.toContain(PHONE.slice(-4));
      const photos = await viewer.get(`/api/v1/cases/${id}/photos`);
      expect(photos.body).toHaveLength(1);
      expect(photos.body[0].uploadedBy, who).toBeNull();
    }
  });

  it('gives the full contact phone to no one but the reporter, and logs no staff view', async () => {
    const herder = await t.as('herder');
    const id = await report(true);
    const operator = await t.as('town.operator');
    const refused = await operator.get(`/api/v1/cases/${id}/contact-phone`);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(PHONE);
    const own = await herder.get(`/api/v1/cases/${id}/contact-phone`);
    expect(own.body).toEqual({ contactPhone: PHONE });
    const logged = await t.database.db
      .selectFrom('personal_data_access')
      .select('user_id')
      .where('subject', '=', `case:${id}`)
      .execute();
    expect(logged.map((r) => r.user_id)).not.toContain(operator.userId);
  });

  it('shows the reporter their own photos as theirs', async () => {
    const herder = await t.as('herder');
    const id = await report(true);
    const photos = await herder.get(`/api/v1/cases/${id}/photos`);
    expect(photos.body[0].uploadedBy).toBe(herder.userId);
  });

  it('hides even a staff uploader of an anonymous case’s photos (photo metadata carries no uploader)', async () => {
    const id = await report(true);
    const chief = await t.as('grid.chief');
    expect(
      (await chief.post(`/api/v1/cases/${id}/photos`, JPEG, { 'content-type': 'image/jpeg' })).status,
    ).toBe(201);
    const operator = await t.as('town.operator');
    const photos = await operator.get(`/api/v1/cases/${id}/photos`);
    expect(photos.body.map((p: { uploadedBy: unknown }) => p.uploadedBy)).toEqual([null, null]);
  });
});

describe('a named report (control)', () => {
  it('shows the reporter and the uploader, and the full phone to the centre operator, logged', async () => {
    const herder = await t.as('herder');
    const id = await report(false);
    const operator = await t.as('town.operator');
    expect((await operator.get(`/api/v1/cases/${id}`)).body.reporter).toMatchObject({ id: herder.userId });
    expect((await operator.get(`/api/v1/cases/${id}/photos`)).body[0].uploadedBy).toBe(herder.userId);
    expect((await operator.get(`/api/v1/cases/${id}/contact-phone`)).body).toEqual({ contactPhone: PHONE });
    const logged = await t.database.db
      .selectFrom('personal_data_access')
      .select('user_id')
      .where('subject', '=', `case:${id}`)
      .execute();
    expect(logged.map((r) => r.user_id)).toContain(operator.userId);
  });
});
