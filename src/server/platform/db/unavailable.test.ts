/**
 * While the database is away the API answers 503 in the error shape with Retry-After, never 500,
 * and /healthz and /readyz say the database is down (issue 7 #1). Runs on every CI pass: the "away"
 * database is a PostgreSQL URL on a closed port, so no server is needed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltApp, buildApp } from '../../app.ts';
import { ManualClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { errorHandler } from '../http.ts';
import { createCipher } from '../personal-data.ts';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

describe('isDatabaseUnavailable', () => {
  it('recognises a lost, refused or locked database', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    expect(isDatabaseUnavailable(terminated)).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable')),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })])),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' })),
    ).toBe(true);
  });

  it('leaves bugs and constraint violations alone', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe('the error handler', () => {
  it('answers a busy SQLite database with 503, the error shape and Retry-After', async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/busy', async () => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    });
    app.get('/bug', async () => {
      throw new TypeError('a real bug');
    });
    const busy = await app.inject({ method: 'GET', url: '/busy' });
    expect(busy.statusCode).toBe(503);
    expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    expect(busy.json()).toMatchObject({
      error: { code: 'service_unavailable', details: { dependency: 'database' } },
    });
    const bug = await app.inject({ method: 'GET', url: '/bug' });
    expect(bug.statusCode).toBe(500);
    await app.close();
  });
});

describe('a node whose database is away', () => {
  let built: BuiltApp;
  let database: DatabaseHandle;
  let dataDir: string;

  beforeAll(async () => {
    // Port 1 on loopback: every connection is refused, as while PostgreSQL restarts.
    database = openDatabase({ url: 'postgres://zhizhi@127.0.0.1:1/away' });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhizhi-away-'));
    const config = loadConfig({ ZHIZHI_DATA_DIR: dataDir, ZHIZHI_SCHEDULER: 'false' }, { demo: true });
    built = await buildApp({
      config,
      database,
      clock: new ManualClock('2026-11-23T01:30:00.000Z'),
      cipher: createCipher(randomBytes(32)),
    });
  });
  afterAll(async () => {
    await built?.app.close();
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers API requests with 503 and Retry-After instead of 500', async () => {
    const login = await built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'someone', password: 'long enough password' },
    });
    expect(login.statusCode).toBe(503);
    expect(login.headers['retry-after']).toBe('5');
    expect(login.json().error.code).toBe('service_unavailable');

    const signedIn = await built.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Bearer some-session-token' },
    });
    expect(signedIn.statusCode).toBe(503);
  });

  it('says in /healthz that the database is the dependency that is down, and /readyz is not ready', async () => {
    const health = await built.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({
      status: 'unavailable',
      down: ['database'],
      dependencies: { database: { status: 'down' } },
    });
    expect(health.json().dependencies.database.error).toContain('ECONNREFUSED');
    const ready = await built.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().error.code).toBe('service_unavailable');
  });
});
