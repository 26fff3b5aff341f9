/**
 * JSON Schemas of the GeoReport v2 answers, written from the Open311 GeoReport v2 specification
 * (wiki.open311.org/GeoReport_v2) for the conformance tests: what each answer must carry, which
 * values an enumerated field takes, and that every datetime carries its timezone. Kept in the repo
 * so that the tests need nothing beside it.
 */
type JsonSchema = Record<string, unknown>;

const text = { type: 'string' } as const;
const optionalText = { anyOf: [text, { type: 'null' }] };
const dateTime = { type: 'string', format: 'date-time' } as const;

/** One service type (GET services). */
export const service: JsonSchema = {
  type: 'object',
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
};

/** The extra fields of a service whose `metadata` is true (GET services/{code}). */
export const serviceDefinition: JsonSchema = {
  type: 'object',
  required: ['service_code', 'attributes'],
  properties: {
    service_code: text,
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['variable', 'code', 'datatype', 'required'],
        properties: {
          variable: { type: 'boolean' },
          code: text,
          datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
          required: { type: 'boolean' },
          datatype_description: optionalText,
          order: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
          description: optionalText,
          values: { type: 'array', items: { type: 'object', required: ['key', 'name'], properties: { key: text, name: text } } },
        },
      },
    },
  },
};

/** One service request (GET requests, GET requests/{id}). */
export const request: JsonSchema = {
  type: 'object',
  required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
  properties: {
    service_request_id: text,
    status: { enum: ['open', 'closed'] },
    status_notes: optionalText,
    service_name: optionalText,
    service_code: text,
    description: { anyOf: [{ type: 'string', maxLength: 4000 }, { type: 'null' }] },
    agency_responsible: optionalText,
    service_notice: optionalText,
    requested_datetime: dateTime,
    updated_datetime: { anyOf: [dateTime, { type: 'null' }] },
    expected_datetime: { anyOf: [dateTime, { type: 'null' }] },
    address: optionalText,
    address_id: optionalText,
    zipcode: optionalText,
    lat: { anyOf: [{ type: 'number', minimum: -90, maximum: 90 }, { type: 'null' }] },
    long: { anyOf: [{ type: 'number', minimum: -180, maximum: 180 }, { type: 'null' }] },
    media_url: { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }] },
  },
};

/** The answer to POST requests: an id, or a token to exchange for one later. */
export const postAnswerItem: JsonSchema = {
  type: 'object',
  required: ['service_request_id'],
  properties: { service_request_id: text, token: text, service_notice: text, account_id: text },
};

/** The answer to GET tokens/{token}. */
export const tokenAnswerItem: JsonSchema = {
  type: 'object',
  required: ['service_request_id', 'token'],
  properties: { service_request_id: text, token: text },
};

/** A list of `item`, as every GeoReport answer is (a search may find nothing; a POST answers one). */
export const listOf = (item: JsonSchema, minItems = 0): JsonSchema => ({ type: 'array', minItems, items: item });
