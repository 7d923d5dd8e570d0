/**
 * Issue 4 acceptance: every GeoReport v2 endpoint in JSON and XML, validated against schemas
 * written from the specification, and the bad inputs — each answered with the spec's error list,
 * never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_CODES, DEMO_PLACES } from '../demo/seed.ts';
import { seedOpen311Attributes } from './attributes.ts';
import { issueDemoOpen311Key } from './cli.ts';
import { expectSchema, type Format, open311Client } from './spec-client.ts';
import {
  createdSchema,
  discoverySchema,
  errorsSchema,
  requestsSchema,
  serviceDefinitionSchema,
  servicesSchema,
  tokenSchema,
} from './spec-schemas.ts';
import { asXmlText } from './xml-reader.ts';

let t: DemoApp;
let client: ReturnType<typeof open311Client>;
let apiKey: string;

beforeAll(async () => {
  t = await createDemoApp();
  await seedOpen311Attributes(t.database.db);
  apiKey = (await issueDemoOpen311Key(t.database.db, t.clock)).key;
  client = open311Client(t.app);
});
afterAll(() => t.close());

const pastoral = { lat: String(DEMO_PLACES.pastoralGrid.lat), long: String(DEMO_PLACES.pastoralGrid.lng) };

const CONTACT = {
  first_name: '其其格',
  last_name: '乌力吉',
  phone: '13947700099',
  email: 'bayin@example.cn',
  device_id: 'device-8f3a',
  account_id: 'acct-77',
};

/** A valid land-and-grassland request, with what the test overrides. */
function landRequest(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    api_key: apiKey,
    service_code: 'land_grassland',
    ...pastoral,
    description: '草场网围栏被邻居移动了二十米',
    'attribute[area_mu]': '20',
    'attribute[dispute_party_count]': '2',
    address_string: '巴音敖包嘎查一社 宝音家草场',
    media_url: 'https://example.cn/photos/fence.jpg',
    ...CONTACT,
    ...over,
  };
}

/** Posts in one format; expects the spec's error list with `status`, and returns its descriptions. */
async function expectError(
  format: Format,
  status: number,
  form: Record<string, string | string[]> | undefined,
  path = 'requests',
  method: 'GET' | 'POST' = 'POST',
): Promise<string[]> {
  const res = await client.call(
    method,
    path,
    format,
    form ? { [method === 'POST' ? 'form' : 'query']: form } : {},
  );
  expect(res.status, res.body).toBe(status);
  if (format === 'xml') {
    expect(res.root).toBe('errors');
    expect(res.data.every((e: { code: string }) => e.code === String(status))).toBe(true);
  } else {
    expectSchema(errorsSchema, res.data);
    expect(res.data.every((e: { code: number }) => e.code === status)).toBe(true);
  }
  return res.data.map((e: { description: string }) => e.description);
}

describe('GET discovery, services and service definitions', () => {
  it('describes the endpoint', async () => {
    const res = await client.both('discovery', discoverySchema, 'discovery');
    expect(res.status).toBe(200);
    expect(res.data.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'test',
      formats: ['text/xml', 'application/json'],
    });
    expect(res.data.endpoints[0].url).toMatch(/\/open311\/v2$/);
    expect(res.data.contact).toMatch(/lat\/long/);
  });

  it('lists the case-type catalogue as services, metadata where a type has attributes', async () => {
    const res = await client.both('services', servicesSchema, 'services');
    expect(res.status).toBe(200);
    const byCode = new Map(res.data.map((s: { service_code: string }) => [s.service_code, s]));
    expect(byCode.size).toBe(10);
    expect(byCode.get('land_grassland')).toMatchObject({
      service_name: '土地草牧场纠纷',
      metadata: true,
      type: 'realtime',
    });
    expect(byCode.get('environment')).toMatchObject({ metadata: true });
    expect(byCode.get('neighbour')).toMatchObject({ metadata: false });
    expect((byCode.get('neighbour') as { description: string }).description).toMatch(/lat and long/);
  });

  it('gives each service definition with its attributes', async () => {
    const land = await client.both('services/land_grassland', serviceDefinitionSchema, 'service_definition');
    expect(land.status).toBe(200);
    expect(land.data.attributes.map((a: { code: string; order: number }) => [a.code, a.order])).toEqual([
      ['area_mu', 1],
      ['dispute_party_count', 2],
    ]);
    expect(land.data.attributes[0]).toMatchObject({ datatype: 'number', required: false, variable: true });
    const env = await client.both('services/environment', serviceDefinitionSchema, 'service_definition');
    expect(env.data.attributes[0]).toMatchObject({
      code: 'pollution_kind',
      datatype: 'singlevaluelist',
      required: true,
    });
    expect(env.data.attributes[0].values).toContainEqual({ key: 'water', name: '水体 Water' });
    const none = await client.both('services/neighbour', serviceDefinitionSchema, 'service_definition');
    expect(none.data).toEqual({ service_code: 'neighbour', attributes: [] });
  });

  it('answers 404 for an unknown service and a wrong jurisdiction, and accepts this county', async () => {
    for (const format of ['json', 'xml'] as const) {
      expect(await expectError(format, 404, undefined, 'services/no_such_type', 'GET')).toEqual([
        'service_code no_such_type not found',
      ]);
      expect(await expectError(format, 404, { jurisdiction_id: 'sf.gov' }, 'services', 'GET')).toEqual([
        'jurisdiction_id sf.gov not found',
      ]);
    }
    const ok = await client.call('GET', 'services', 'json', {
      query: { jurisdiction_id: DEMO_CODES.banner },
    });
    expect(ok.status).toBe(200);
  });
});

describe('POST requests', () => {
  it('creates a case through the one intake command, in JSON', async () => {
    const res = await client.call('POST', 'requests', 'json', { form: landRequest() });
    expect(res.status, res.body).toBe(201);
    expectSchema(createdSchema, res.data);
    const [created] = res.data;
    expect(created.service_request_id).toMatch(/^\d{8}-\d{5}$/);
    expect(created.service_notice).toMatch(/\+08:00/);

    const c = await t.database.db
      .selectFrom('case_file')
      .selectAll()
      .where('case_no', '=', created.service_request_id)
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ source: 'open311', case_type: 'land_grassland', status: 'reported', level: 1 });
    expect(c.step_due_at).not.toBeNull();
    expect(c.description).toContain('草场网围栏被邻居移动了二十米');
    expect(c.description).toContain('争议面积（亩） Disputed area, in mu：20');
    // The grid lookup put it in the pastoral grid; the history has the reported entry; the clock runs.
    const grid = await t.database.db
      .selectFrom('area')
      .select('code')
      .where('id', '=', c.grid_id)
      .executeTakeFirstOrThrow();
    expect(grid.code).toBe(DEMO_PLACES.pastoralGrid.code);
    const events = await t.database.db
      .selectFrom('case_event')
      .selectAll()
      .where('case_id', '=', c.id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['reported']);
    expect(JSON.parse(events[0]?.payload ?? '{}')).toMatchObject({ source: 'open311' });
    const jobs = await t.database.db
      .selectFrom('job')
      .select('dedupe_key')
      .where('dedupe_key', 'like', `case:${c.id}:%`)
      .execute();
    expect(jobs).toHaveLength(2);
    // The reporter is the key's technical account, named after the key's owner.
    const reporter = await t.database.db
      .selectFrom('app_user')
      .select(['username', 'display_name'])
      .where('id', '=', c.reporter_id)
      .executeTakeFirstOrThrow();
    expect(reporter.username).toMatch(/^open311\./);
    expect(reporter.display_name).toBe('Open311：演示客户端 Open311 demo client');

    // Contact details are personal data: encrypted at rest, nowhere in plain text.
    const row = await t.database.db
      .selectFrom('open311_request')
      .selectAll()
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.contact_enc).not.toBeNull();
    for (const value of Object.values(CONTACT)) {
      expect(JSON.stringify(row)).not.toContain(value);
      expect(JSON.stringify(c)).not.toContain(value);
    }
    expect(JSON.parse(t.cipher.decrypt(row.contact_enc as string))).toEqual(CONTACT);
    expect(t.cipher.decrypt(c.contact_phone_enc as string)).toBe(CONTACT.phone);
    expect(row.token).toBe(created.token);
  });

  it('creates a case in XML', async () => {
    const res = await client.call('POST', 'requests', 'xml', {
      form: {
        api_key: apiKey,
        service_code: 'environment',
        ...pastoral,
        description: '河边有人倾倒废油 <script>&',
        'attribute[pollution_kind]': 'water',
      },
    });
    expect(res.status, res.body).toBe(201);
    expect(res.root).toBe('service_requests');
    expect(res.data).toHaveLength(1);
    expect(Object.keys(res.data[0])).toEqual(['service_request_id', 'token', 'service_notice']);
    const got = await client.call('GET', `requests/${res.data[0].service_request_id}`, 'json');
    expect(got.data[0]).toMatchObject({
      service_code: 'environment',
      description: '河边有人倾倒废油 <script>&',
    });
  });

  it('answers a retry with the same Idempotency-Key with the same request, once', async () => {
    const headers = { 'idempotency-key': 'open311-retry-1' };
    const first = await client.call('POST', 'requests', 'json', { form: landRequest(), headers });
    const again = await client.call('POST', 'requests', 'json', { form: landRequest(), headers });
    expect(again.status).toBe(201);
    expect(again.data).toEqual(first.data);
    const n = await t.database.db
      .selectFrom('case_file')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_no', '=', first.data[0].service_request_id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('refuses bad keys with 403', async () => {
    for (const format of ['json', 'xml'] as const) {
      expect(await expectError(format, 403, landRequest({ api_key: '' }))).toEqual([
        'api_key was not provided',
      ]);
      expect(await expectError(format, 403, landRequest({ api_key: 'o311_not-a-real-key' }))).toEqual([
        'api_key is invalid or revoked',
      ]);
      expect(await expectError(format, 403, landRequest({ api_key: 'x'.repeat(500) }))).toEqual([
        'api_key is invalid or revoked',
      ]);
      expect(await expectError(format, 403, landRequest({ api_key: [apiKey, apiKey] }))).toEqual([
        'api_key is invalid or revoked',
      ]);
    }
  });

  it('refuses a missing or unknown service', async () => {
    for (const format of ['json', 'xml'] as const) {
      expect(await expectError(format, 400, landRequest({ service_code: '' }))).toContain(
        'service_code was not provided',
      );
      expect(await expectError(format, 404, landRequest({ service_code: 'parking' }))).toEqual([
        'service_code parking not found',
      ]);
      expect(await expectError(format, 400, landRequest({ service_code: ['neighbour', 'other'] }))).toContain(
        'service_code was given more than once',
      );
    }
  });

  it('needs lat/long: no location, an address only, malformed coordinates, outside every grid', async () => {
    const noLocation = landRequest();
    delete noLocation.lat;
    delete noLocation.long;
    delete noLocation.address_string;
    expect(await expectError('json', 400, noLocation)).toEqual([
      'a location is required: give lat and long (WGS-84)',
    ]);
    const addressOnly = { ...noLocation, address_string: '嘎鲁图镇某街道 1 号', address_id: 'A-1' };
    const [why] = await expectError('xml', 400, addressOnly);
    expect(why).toMatch(/lat and long.*cannot geocode address_string or address_id/);
    for (const [lat, long] of [
      ['abc', pastoral.long],
      ['95', pastoral.long],
      [pastoral.lat, '200'],
      ['1e2', pastoral.long],
      ['38.6,108.8', pastoral.long],
      ['NaN', 'Infinity'],
    ] as const) {
      const problems = await expectError('json', 400, landRequest({ lat, long }));
      expect(problems.join()).toMatch(/decimal degree/);
    }
    const latOnly = landRequest();
    delete latOnly.long;
    expect(await expectError('json', 400, latOnly)).toEqual(['lat and long must be given together']);
    for (const format of ['json', 'xml'] as const) {
      expect(
        await expectError(
          format,
          400,
          landRequest({ lat: String(DEMO_PLACES.outside.lat), long: String(DEMO_PLACES.outside.lng) }),
        ),
      ).toEqual(['location: the point is outside every grid of this county']);
    }
  });

  it('checks attributes against the service definition', async () => {
    const env = { api_key: apiKey, service_code: 'environment', ...pastoral };
    expect(await expectError('json', 400, env)).toEqual([
      'attribute[pollution_kind] is required for the service environment',
    ]);
    expect(await expectError('xml', 400, { ...env, 'attribute[pollution_kind]': 'smell' })).toHaveLength(1);
    expect(
      await expectError(
        'json',
        400,
        landRequest({ 'attribute[area_mu]': 'twenty', 'attribute[colour]': 'red' }),
      ),
    ).toEqual([
      'attribute[colour] is not an attribute of the service land_grassland',
      'attribute[area_mu] must be a number',
    ]);
  });

  it('refuses oversized fields, bad URLs and e-mail addresses, listing them all', async () => {
    const problems = await expectError(
      'json',
      400,
      landRequest({
        description: '很'.repeat(4001),
        address_string: 'x'.repeat(251),
        first_name: 'x'.repeat(101),
        phone: '1'.repeat(31),
        email: 'not-an-email',
        media_url: 'javascript:alert(1)',
        'attribute[area_mu]': '1'.repeat(4001),
      }),
    );
    expect(problems).toEqual([
      'address_string must be at most 250 characters',
      'description must be at most 4000 characters',
      'email is not an email address',
      'first_name must be at most 100 characters',
      'phone must be at most 30 characters',
      'media_url must be an http or https URL',
      'attribute[area_mu] must be at most 4000 characters',
    ]);
    expect(
      await expectError('xml', 400, landRequest({ media_url: `https://x.cn/${'a'.repeat(2000)}` })),
    ).toEqual(['media_url must be at most 2000 characters']);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`attribute[a${i}]`, '1']));
    expect(await expectError('json', 400, landRequest(many))).toContain('at most 50 attributes may be given');
  });

  it('answers bodies it cannot read in the spec format', async () => {
    const big = await client.call('POST', 'requests', 'xml', {
      raw: { body: `description=${'x'.repeat(1_100_000)}`, contentType: 'application/x-www-form-urlencoded' },
    });
    expect(big.status).toBe(413);
    expect(big.root).toBe('errors');
    const plain = await client.call('POST', 'requests', 'json', {
      raw: { body: 'hello', contentType: 'application/octet-stream' },
    });
    expect(plain.status).toBe(415);
    expectSchema(errorsSchema, plain.data);
    const badJson = await client.call('POST', 'requests', 'json', {
      raw: { body: '{"a":', contentType: 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expectSchema(errorsSchema, badJson.data);
    const nested = await client.call('POST', 'requests', 'json', {
      raw: {
        body: JSON.stringify({ api_key: apiKey, service_code: { $ne: 1 } }),
        contentType: 'application/json',
      },
    });
    expect(nested.status).toBe(400);
    expect(nested.data[0].description).toBe('service_code must be text');
  });

  it('never answers 500, whatever comes in', async () => {
    const weird = [
      '\u0000',
      '%',
      '%%ZZ',
      '🐑'.repeat(100),
      '\ud800',
      '<?xml?>',
      "' OR 1=1 --",
      '../../etc/passwd',
      '{"a":1}',
      '-0',
      '1'.repeat(200),
    ];
    // A key of its own, so this many posts stay within the rate limit of the others.
    const fuzzKey = (await issueDemoOpen311Key(t.database.db, t.clock)).key;
    const segment = (w: string) => {
      try {
        return encodeURIComponent(w);
      } catch {
        return '%ED%A0%80'; // a lone surrogate has no UTF-8: send the bytes a broken client would
      }
    };
    for (const w of weird) {
      for (const form of [
        landRequest({ api_key: fuzzKey, description: w }),
        landRequest({ api_key: fuzzKey, service_code: w }),
        landRequest({ api_key: fuzzKey, lat: w }),
        landRequest({ api_key: w }),
        landRequest({ api_key: fuzzKey, [`attribute[${w}]`]: w }),
      ]) {
        const res = await client.call('POST', 'requests', 'xml', { form });
        expect(res.status, `${res.status} ${res.body}`).toBeLessThan(500);
      }
      for (const path of [`requests/${segment(w)}`, `tokens/${segment(w)}`, `services/${segment(w)}`]) {
        const res = await client.call('GET', path, 'json', { query: { start_date: w } });
        expect(res.status, `${path} ${res.body}`).toBeLessThan(500);
      }
      const list = await client.call('GET', 'requests', 'json', {
        query: { start_date: w, status: w, service_request_id: w },
      });
      expect(list.status).toBeLessThan(500);
    }
    const raw = await t.app.inject({ method: 'GET', url: '/open311/v2/requests/%E0%A4%A.json' });
    expect(raw.statusCode).toBeLessThan(500);
  });
});

describe('GET requests, one request and tokens', () => {
  let first: { service_request_id: string; token: string };
  let second: { service_request_id: string; token: string };

  beforeAll(async () => {
    t.clock.advance(60_000);
    first = (
      await client.call('POST', 'requests', 'json', {
        form: landRequest({ description: '控制字符\u0001也不破坏 XML' }),
      })
    ).data[0];
    t.clock.advance(60_000);
    second = (
      await client.call('POST', 'requests', 'json', {
        form: { api_key: apiKey, service_code: 'neighbour', ...pastoral, description: '邻居的狗夜里叫' },
      })
    ).data[0];
  });

  it('gives one request in both formats, without any contact details', async () => {
    const res = await client.both(`requests/${first.service_request_id}`, requestsSchema, 'service_requests');
    expect(res.status).toBe(200);
    expect(res.data).toHaveLength(1);
    expect(res.data[0]).toMatchObject({
      service_request_id: first.service_request_id,
      status: 'open',
      service_code: 'land_grassland',
      service_name: '土地草牧场纠纷',
      description: '控制字符也不破坏 XML', // dropped on the way in: XML cannot carry U+0001
      address: '巴音敖包嘎查一社 宝音家草场',
      media_url: 'https://example.cn/photos/fence.jpg',
      lat: DEMO_PLACES.pastoralGrid.lat,
      long: DEMO_PLACES.pastoralGrid.lng,
      expected_datetime: null,
    });
    expect(res.data[0].requested_datetime).toMatch(/^2026-11-23T09:3\d:00\+08:00$/);
    expect(res.data[0].status_notes).toMatch(/待立案/);
    expect(res.data[0].agency_responsible).toBeTruthy();
    const xml = await client.call('GET', `requests/${first.service_request_id}`, 'xml');
    expect(xml.data[0].description).toBe('控制字符也不破坏 XML');
    for (const body of [res.body, xml.body]) {
      for (const value of Object.values(CONTACT)) expect(body).not.toContain(value);
    }
  });

  it('lists requests with the spec filters in both formats', async () => {
    const all = await client.both('requests', requestsSchema, 'service_requests');
    const ids = all.data.map((r: { service_request_id: string }) => r.service_request_id);
    expect(ids.slice(0, 2)).toEqual([second.service_request_id, first.service_request_id]); // newest first
    for (const body of [all.body, (await client.call('GET', 'requests', 'xml')).body]) {
      for (const value of Object.values(CONTACT)) expect(body).not.toContain(value);
    }
    const idsOf = async (query: Record<string, string>) =>
      (await client.both('requests', requestsSchema, 'service_requests', { query })).data.map(
        (r: { service_request_id: string }) => r.service_request_id,
      );
    expect(
      await idsOf({ service_request_id: `${first.service_request_id},${second.service_request_id}` }),
    ).toEqual([second.service_request_id, first.service_request_id]);
    expect(await idsOf({ service_code: 'neighbour' })).toEqual([second.service_request_id]);
    expect(await idsOf({ service_code: 'neighbour,environment', status: 'open' })).toContain(
      second.service_request_id,
    );
    expect(await idsOf({ status: 'closed' })).toEqual([]);
    expect(
      await idsOf({ start_date: '2026-11-23T09:31:30+08:00', end_date: '2026-11-23T09:32:30+08:00' }),
    ).toEqual([second.service_request_id]);
    expect(await idsOf({ start_date: '2026-01-01', end_date: '2026-03-31' })).toEqual([]);
    expect(await idsOf({ end_date: '2026-11-24' })).toContain(first.service_request_id);
    expect(await idsOf({ jurisdiction_id: DEMO_CODES.banner, service_code: 'neighbour' })).toEqual([
      second.service_request_id,
    ]);
  });

  it('lists only what came in through Open311', async () => {
    const herder = await t.as('herder');
    const other = await herder.post('/api/v1/cases', {
      description: '别的渠道的报告',
      caseType: 'neighbour',
      lng: DEMO_PLACES.pastoralGrid.lng,
      lat: DEMO_PLACES.pastoralGrid.lat,
    });
    expect(other.status).toBe(201);
    // (the case API refuses `source: 'open311'` itself: see cases/scoping.test.ts)
    const all = await client.call('GET', 'requests', 'json');
    expect(all.data.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(
      other.body.caseNo,
    );
    await expectError('json', 404, undefined, `requests/${other.body.caseNo}`, 'GET');
  });

  it('refuses malformed dates, a 91-day range, unknown statuses and too many ids', async () => {
    for (const format of ['json', 'xml'] as const) {
      expect(await expectError(format, 400, { start_date: 'yesterday' }, 'requests', 'GET')).toEqual([
        'start_date must be a W3C date-time such as 2026-11-23T09:30:00+08:00',
      ]);
      expect(
        await expectError(format, 400, { end_date: '2026-02-30T00:00:00Z' }, 'requests', 'GET'),
      ).toHaveLength(1);
      expect(
        await expectError(format, 400, { start_date: '2026-11-23T09:30:00' }, 'requests', 'GET'),
      ).toHaveLength(1);
      expect(
        await expectError(
          format,
          400,
          { start_date: '2026-08-24T00:00:00+08:00', end_date: '2026-11-23T00:00:00+08:00' },
          'requests',
          'GET',
        ),
      ).toEqual(['start_date and end_date may be at most 90 days apart']);
      expect(await expectError(format, 400, { status: 'pending' }, 'requests', 'GET')).toEqual([
        'status must be open or closed, not pending',
      ]);
    }
    const ninety = await client.call('GET', 'requests', 'json', {
      query: { start_date: '2026-08-25T00:00:00+08:00', end_date: '2026-11-23T00:00:00+08:00' },
    });
    expect(ninety.status).toBe(200);
  });

  it('answers 404 for an unknown request', async () => {
    for (const format of ['json', 'xml'] as const) {
      expect(await expectError(format, 404, undefined, 'requests/20261123-FFFFFF', 'GET')).toEqual([
        'service_request_id 20261123-FFFFFF not found',
      ]);
    }
  });

  it('resolves tokens to service request ids', async () => {
    const res = await client.both(`tokens/${first.token}`, tokenSchema, 'service_requests');
    expect(res.data).toEqual([{ service_request_id: first.service_request_id, token: first.token }]);
    for (const format of ['json', 'xml'] as const) {
      expect(await expectError(format, 404, undefined, 'tokens/0123456789abcdef', 'GET')).toHaveLength(1);
    }
  });

  it('answers unknown formats and endpoints with the spec 404', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/open311/v2/services.csv' });
    expect(csv.statusCode).toBe(404);
    expect(csv.json()).toEqual([{ code: 404, description: 'use the .json or .xml form of this endpoint' }]);
    const html = await t.app.inject({ method: 'GET', url: '/open311/v2/services/land_grassland' });
    expect(html.statusCode).toBe(404);
    const nothing = await client.call('GET', 'nothing', 'xml');
    expect(nothing.status).toBe(404);
    expect(nothing.root).toBe('errors');
    expect(nothing.data).toEqual(
      asXmlText([{ code: 404, description: 'no Open311 endpoint GET /open311/v2/nothing.xml' }]),
    );
    for (const [method, url] of [
      ['PUT', '/open311/v2/requests.json'],
      ['POST', '/open311/v2/services.json'],
      ['DELETE', '/open311/v2/requests/20261123-FFFFFF.json'],
      ['GET', '/open311/v2/'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect([res.statusCode, res.json()[0]?.code], `${method} ${url}`).toEqual([404, 404]);
    }
    // The JSON API keeps its own error shape.
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
