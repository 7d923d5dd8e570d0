/**
 * Case photos through HTTP on the demo (both databases): who may add and see them, the formats and
 * sizes accepted, the limit of six, and the files on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';
import { MAX_PHOTO_BYTES } from './service.ts';

/** Where the test app (its own data dir, testing/app.ts) keeps photos. */
const photoDir = () => path.join(t.config.dataDir, 'photos');

let t: DemoApp;
let token: Record<string, string>;
let caseId: string;

/** A tiny real JPEG (1×1, grey) as browsers' canvas.toBlob makes them. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function signIn(username: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'zhizhi-demo-2026' },
  });
  return res.json().token;
}

function upload(as: string, id: string, body: Buffer, contentType: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/photos`,
    headers: { authorization: `Bearer ${token[as]}`, 'content-type': contentType },
    payload: body,
  });
}

function get(as: string, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token[as]}` } });
}

beforeAll(async () => {
  t = await createDemoApp();
  token = {};
  for (const who of ['herder', 'resident2', 'grid.chief', 'grid2.chief']) token[who] = await signIn(who);
  const herder = await t.as('herder');
  const reported = await herder.post('/api/v1/cases', {
    description: '邻居的羊群连续三天进入我家草场。',
    lng: DEMO_PLACES.pastoralGrid.lng,
    lat: DEMO_PLACES.pastoralGrid.lat,
  });
  expect(reported.status).toBe(201);
  caseId = reported.body.id;
});
afterAll(async () => {
  fs.rmSync(path.join(photoDir(), caseId), { recursive: true, force: true });
  await t.close();
});

describe('case photos (现场照片)', () => {
  it('takes a raw JPEG from the reporter, stores the file and serves it back', async () => {
    const res = await upload('herder', caseId, JPEG, 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json();
    expect(photo).toMatchObject({ caseId, contentType: 'image/jpeg', size: JPEG.length });
    const file = path.join(photoDir(), caseId, `${photo.id}.jpg`);
    expect(fs.readFileSync(file).equals(JPEG)).toBe(true);

    const image = await get('herder', photo.url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.equals(JPEG)).toBe(true);
  });

  it('takes a base64 PNG in JSON from someone who may act on the case (the grid chief)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/photos`,
      headers: { authorization: `Bearer ${token['grid.chief']}` },
      payload: { data: PNG.toString('base64') },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().contentType).toBe('image/png');
    const list = await get('grid.chief', `/api/v1/cases/${caseId}/photos`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((p: { contentType: string }) => p.contentType)).toEqual([
      'image/jpeg',
      'image/png',
    ]);
  });

  it('refuses people who may not see the case, and anonymous callers', async () => {
    expect((await upload('resident2', caseId, JPEG, 'image/jpeg')).statusCode).toBe(403);
    expect((await upload('grid2.chief', caseId, JPEG, 'image/jpeg')).statusCode).toBe(403);
    expect((await get('resident2', `/api/v1/cases/${caseId}/photos`)).statusCode).toBe(403);
    const list = (await get('herder', `/api/v1/cases/${caseId}/photos`)).json();
    expect((await get('grid2.chief', list[0].url)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: list[0].url });
    expect(anonymous.statusCode).toBe(401);
    expect((await get('herder', '/api/v1/photos/not-a-uuid')).statusCode).toBe(404);
  });

  it('checks the bytes, not the declared type, and the size', async () => {
    const fake = Buffer.from('GIF89a this is not a jpeg at all');
    const wrong = await upload('herder', caseId, fake, 'image/jpeg');
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().error.code).toBe('unsupported_media_type');
    const notBase64 = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/photos`,
      headers: { authorization: `Bearer ${token.herder}` },
      payload: { data: '!!! not base64 !!!' },
    });
    expect(notBase64.statusCode).toBe(400);
    const huge = Buffer.concat([JPEG, Buffer.alloc(MAX_PHOTO_BYTES)]);
    expect((await upload('herder', caseId, huge, 'image/jpeg')).statusCode).toBe(413);
    // Other routes keep the app-wide limit and do not take images.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${token.herder}`, 'content-type': 'image/jpeg' },
      payload: JPEG,
    });
    expect(elsewhere.statusCode).toBe(415);
  });

  it('keeps at most six photos per case', async () => {
    const before = (await get('herder', `/api/v1/cases/${caseId}/photos`)).json().length;
    for (let i = before; i < 6; i++) {
      expect((await upload('herder', caseId, JPEG, 'image/jpeg')).statusCode).toBe(201);
    }
    const seventh = await upload('herder', caseId, JPEG, 'image/jpeg');
    expect(seventh.statusCode).toBe(409);
    expect((await get('herder', `/api/v1/cases/${caseId}/photos`)).json()).toHaveLength(6);
    expect(fs.readdirSync(path.join(photoDir(), caseId))).toHaveLength(6);
  });
});
