/**
 * For the tests: calls the GeoReport v2 endpoints the way a 311 client does (form-encoded posts,
 * `.json` / `.xml`), reads XML strictly, and validates JSON against the spec's schemas (Ajv).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { OPEN311_PREFIX, XML_ITEMS } from './routes.ts';
import { asXmlText, parseXml, xmlToData } from './xml-reader.ts';

export type Format = 'json' | 'xml';

export interface SpecResponse {
  status: number;
  contentType: string;
  headers: Record<string, unknown>;
  /** The raw body. */
  body: string;
  /** JSON parsed, or XML turned into data (all text). */
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected freely
  data: any;
  /** The XML root element's name (XML only). */
  root?: string;
}

// Strict, but the spec's schemas need union types (`string|null`) and `required` inside anyOf.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, strictRequired: false });
const compiled = new Map<object, ValidateFunction>();

/** Asserts that `data` matches the JSON schema, naming every violation. */
export function expectSchema(schema: object, data: unknown): void {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const ok = validate(data);
  expect(ok ? [] : ajv.errorsText(validate.errors).split(', ')).toEqual([]);
}

/** `a=1&attribute[x][]=2…`, with repeated names for arrays. */
export function formBody(fields: Readonly<Record<string, string | readonly string[]>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of typeof v === 'string' ? [v] : v) params.append(k, one);
  }
  return params.toString();
}

export interface CallOptions {
  query?: Readonly<Record<string, string | readonly string[]>>;
  form?: Readonly<Record<string, string | readonly string[]>>;
  /** A raw body (with its content type) instead of a form. */
  raw?: { body: string; contentType: string };
  headers?: Record<string, string>;
}

/** A client for one app. `path` is without the extension (`services/land_grassland`). */
export function open311Client(app: FastifyInstance) {
  async function call(method: 'GET' | 'POST', path: string, format: Format, options: CallOptions = {}) {
    const query = options.query ? `?${formBody(options.query)}` : '';
    const payload = options.raw?.body ?? (options.form ? formBody(options.form) : undefined);
    const contentType =
      options.raw?.contentType ?? (options.form ? 'application/x-www-form-urlencoded' : undefined);
    const res = await app.inject({
      method,
      url: `${OPEN311_PREFIX}/${path}.${format}${query}`,
      ...(payload !== undefined ? { payload } : {}),
      headers: { ...(contentType ? { 'content-type': contentType } : {}), ...options.headers },
    });
    const out: SpecResponse = {
      status: res.statusCode,
      contentType: String(res.headers['content-type'] ?? ''),
      headers: res.headers,
      body: res.body,
      data: undefined,
    };
    if (format === 'json') {
      expect(out.contentType).toMatch(/^application\/json/);
      out.data = JSON.parse(res.body);
    } else {
      expect(out.contentType).toMatch(/^text\/xml/);
      const root = parseXml(res.body);
      out.root = root.name;
      out.data = xmlToData(root, XML_ITEMS);
    }
    return out;
  }

  return {
    call,
    /**
     * Calls a GET in both formats: the JSON must match `schema`, the XML must have `root` and carry
     * exactly the same data. Returns the JSON answer.
     */
    async both(path: string, schema: object, root: string, options: CallOptions = {}): Promise<SpecResponse> {
      const json = await call('GET', path, 'json', options);
      const xml = await call('GET', path, 'xml', options);
      expect(xml.status).toBe(json.status);
      expectSchema(schema, json.data);
      expect(xml.root).toBe(root);
      expect(xml.data).toEqual(asXmlText(json.data));
      return json;
    },
  };
}
