/**
 * JSON Schemas of the GeoReport v2 responses, written from the specification
 * (http://wiki.open311.org/GeoReport_v2), for the tests to validate every answer with Ajv. Element
 * names are exactly the spec's; no other members are allowed, so a misspelt or extra field fails.
 */

const text = { type: 'string' } as const;
const optionalText = { type: ['string', 'null'] } as const;
/** W3C date-time with a zone designator, as the spec requires for every datetime. */
const w3cDateTime = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
} as const;

/** `GET /services.{fmt}`: the service list. */
export const servicesSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['service_code', 'service_name', 'metadata', 'type'],
    properties: {
      service_code: text,
      service_name: text,
      description: optionalText,
      metadata: { type: 'boolean' },
      type: { enum: ['realtime', 'batch', 'blackbox'] },
      keywords: optionalText,
      group: optionalText,
    },
  },
} as const;

/** `GET /services/{service_code}.{fmt}`: the service definition. */
export const serviceDefinitionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['service_code', 'attributes'],
  properties: {
    service_code: text,
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['variable', 'code', 'datatype', 'required', 'order', 'description'],
        properties: {
          variable: { type: 'boolean' },
          code: text,
          datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
          required: { type: 'boolean' },
          datatype_description: optionalText,
          order: { type: 'integer' },
          description: text,
          values: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['key', 'name'],
              properties: { key: { type: ['string', 'number'] }, name: text },
            },
          },
        },
      },
    },
  },
} as const;

/** `POST /requests.{fmt}`: the id of the new request, or a token to resolve it later. */
export const createdSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['service_request_id'] }, { required: ['token'] }],
    properties: {
      service_request_id: text,
      token: text,
      service_notice: optionalText,
      account_id: optionalText,
    },
  },
} as const;

/** `GET /tokens/{token}.{fmt}`. */
export const tokenSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['service_request_id', 'token'],
    properties: { service_request_id: text, token: text },
  },
} as const;

/** `GET /requests.{fmt}` and `GET /requests/{service_request_id}.{fmt}`. */
export const requestsSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
    properties: {
      service_request_id: text,
      status: { enum: ['open', 'closed'] },
      status_notes: optionalText,
      service_name: optionalText,
      service_code: text,
      description: optionalText,
      agency_responsible: optionalText,
      service_notice: optionalText,
      requested_datetime: w3cDateTime,
      updated_datetime: { anyOf: [w3cDateTime, { type: 'null' }] },
      expected_datetime: { anyOf: [w3cDateTime, { type: 'null' }] },
      address: optionalText,
      address_id: optionalText,
      zipcode: optionalText,
      lat: { type: 'number', minimum: -90, maximum: 90 },
      long: { type: 'number', minimum: -180, maximum: 180 },
      media_url: optionalText,
    },
  },
} as const;

/** Every error answer: a list of `{ code, description }`. */
export const errorsSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'description'],
    properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
  },
} as const;

/** `GET /discovery.{fmt}`. */
export const discoverySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
  properties: {
    changeset: text,
    contact: text,
    key_service: text,
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        properties: {
          specification: text,
          url: text,
          changeset: text,
          type: { enum: ['production', 'test'] },
          formats: { type: 'array', items: { enum: ['text/xml', 'application/json'] } },
        },
      },
    },
  },
} as const;

/** The root element of each XML document, with the element of its items when it is a list. */
export const XML_ROOTS = {
  services: { root: 'services', item: 'service' },
  serviceDefinition: { root: 'service_definition' },
  requests: { root: 'service_requests', item: 'request' },
  errors: { root: 'errors', item: 'error' },
  discovery: { root: 'discovery' },
} as const;
