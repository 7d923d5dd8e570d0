/**
 * The GeoReport v2 endpoints under /open311/v2, each in `.json` and `.xml`. They live in an
 * encapsulated plugin so the form-body parser, the error format (`[{code, description}]`, XML
 * `<errors>`) and the 404s apply here only and the JSON API stays as it is.
 */
import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type App, idempotencyKeyOf } from '../../platform/http.ts';
import { definePermission } from '../../platform/permissions.ts';
import { open311Error, toSpecError } from './errors.ts';
import { mergeFields } from './form.ts';
import type { Open311Service } from './service.ts';
import { toXml, type XmlItemNames } from './xml.ts';

/** Where the endpoints are mounted. */
export const OPEN311_PREFIX = '/open311/v2';

type Format = 'json' | 'xml';

/** The element of each item in the spec's XML lists (the test client reads lists by it too). */
export const XML_ITEMS: XmlItemNames = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

/** GeoReport v2 is public; posting needs an Open311 API key, which the service checks. */
const OPEN311 = definePermission({
  name: 'open311.public',
  holders: 'public',
  scope: 'reading: everyone; posting: holders of an API key (open311 service), rate-limited per key',
});
const HIDDEN = { schema: { hide: true }, config: { permission: OPEN311 } };

function formatOf(extension: string | undefined): Format {
  if (extension === 'json' || extension === 'xml') return extension;
  throw open311Error(404, 'use the .json or .xml form of this endpoint');
}

/** `land_grassland.xml` → the name and the format; 404 without a known extension. */
function splitFile(file: string): { name: string; format: Format } {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) throw open311Error(404, 'use the .json or .xml form of this endpoint');
  return { name: file.slice(0, dot), format: formatOf(file.slice(dot + 1)) };
}

/** The format an error should be written in: XML when the path asked for .xml. */
function formatOfUrl(url: string): Format {
  return (url.split('?')[0] ?? '').toLowerCase().endsWith('.xml') ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Format, status: number, root: string, value: unknown) {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, value, XML_ITEMS));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

const fieldsOf = (request: FastifyRequest) => mergeFields(request.query, request.body);

type FormatParams = { Params: { format: string } };
type FileParams = { Params: { file: string } };

/** Registers the GeoReport v2 endpoints for the service. */
export function registerOpen311Routes(app: App, open311: Open311Service): void {
  app.register(
    async (scope) => {
      await scope.register(formbody);

      scope.setErrorHandler((error, request, reply) => {
        const format = formatOfUrl(request.url);
        const spec = toSpecError(error);
        if (!spec) {
          request.log.error({ err: error }, 'unhandled error in Open311');
          return send(reply, format, 500, 'errors', [{ code: 500, description: 'internal error' }]);
        }
        if (spec.retryAfter !== undefined) reply.header('retry-after', String(spec.retryAfter));
        return send(reply, format, spec.status, 'errors', spec.errors);
      });
      const noEndpoint = (request: FastifyRequest, reply: FastifyReply) =>
        send(reply, formatOfUrl(request.url), 404, 'errors', [
          { code: 404, description: `no Open311 endpoint ${request.method} ${request.url.split('?')[0]}` },
        ]);
      scope.setNotFoundHandler(noEndpoint);
      // Claims the rest of the prefix, or the web apps' wildcard route would answer it with their 404.
      scope.all('/*', HIDDEN, noEndpoint);

      scope.get<FormatParams>('/discovery.:format', HIDDEN, async (request, reply) => {
        const format = formatOf(request.params.format);
        const base = `${request.protocol}://${request.host}${OPEN311_PREFIX}`;
        return send(reply, format, 200, 'discovery', open311.discovery(base));
      });

      scope.get<FormatParams>('/services.:format', HIDDEN, async (request, reply) => {
        const format = formatOf(request.params.format);
        const services = await open311.services(fieldsOf(request));
        return send(reply, format, 200, 'services', services);
      });

      scope.get<FileParams>('/services/:file', HIDDEN, async (request, reply) => {
        const { name, format } = splitFile(request.params.file);
        const definition = await open311.definition(fieldsOf(request), name);
        return send(reply, format, 200, 'service_definition', definition);
      });

      scope.post<FormatParams>('/requests.:format', HIDDEN, async (request, reply) => {
        const format = formatOf(request.params.format);
        const created = await open311.create(fieldsOf(request), idempotencyKeyOf(request));
        return send(reply, format, 201, 'service_requests', [created]);
      });

      scope.get<FormatParams>('/requests.:format', HIDDEN, async (request, reply) => {
        const format = formatOf(request.params.format);
        const requests = await open311.list(fieldsOf(request));
        return send(reply, format, 200, 'service_requests', requests);
      });

      scope.get<FileParams>('/requests/:file', HIDDEN, async (request, reply) => {
        const { name, format } = splitFile(request.params.file);
        const found = await open311.get(fieldsOf(request), name);
        return send(reply, format, 200, 'service_requests', found);
      });

      scope.get<FileParams>('/tokens/:file', HIDDEN, async (request, reply) => {
        const { name, format } = splitFile(request.params.file);
        const found = await open311.token(fieldsOf(request), name);
        return send(reply, format, 200, 'service_requests', found);
      });
    },
    { prefix: OPEN311_PREFIX },
  );
}
