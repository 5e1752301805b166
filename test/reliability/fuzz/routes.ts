import fc from 'fast-check';
import { ORDER_EVENT_NAMES } from '../../../src/apps/ecommerce/events.ts';
import { uuid, validId, validText } from './values.ts';

/** A field of a request: its valid values, and whether the route takes the request without it. */
export interface FieldSpec {
  readonly valid: fc.Arbitrary<unknown>;
  readonly optional?: boolean;
}

/**
 * What a route takes: path parameters and query parameters (strings) and body fields, each with
 * valid values; the fuzzer mixes hostile ones in. `body: undefined` is a route that reads no body
 * (it is sent junk now and then all the same).
 */
export interface RouteSpec {
  readonly params?: Readonly<Record<string, fc.Arbitrary<string>>>;
  readonly query?: Readonly<Record<string, FieldSpec>>;
  readonly body?: Readonly<Record<string, FieldSpec>>;
}

/** Ids created before the fuzz, so that routes on an existing resource are reached, not only their 404s. */
export interface FuzzContext {
  readonly dispenseIds: readonly string[];
  readonly accountIds: readonly string[];
  readonly serviceIds: readonly string[];
}

// Prices in cents: a double drawn from a range can be a subnormal such as 3e-194, which DynamoDB cannot store.
const price = fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100);

/** JSON values of a few levels, numbers all 32-bit integers (what any attribute can hold). */
const storableJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const field = (valid: fc.Arbitrary<unknown>, optional = false): FieldSpec => ({ valid, optional });
const none: RouteSpec = {};

const listBody = (key: string): Record<string, FieldSpec> => ({
  [key]: field(validId, true),
  limit: field(fc.integer({ min: 1, max: 1_000 }), true),
  sortDirection: field(fc.constantFrom('asc', 'desc'), true),
});

const ecommerce = (): Record<string, RouteSpec> => ({
  'POST /api/v1/inventory/restockSku': { body: { sku: field(validId), units: field(fc.integer({ min: 1, max: 1_000 })), lotId: field(validId) } },
  'POST /api/v1/inventory/listSkus': { body: listBody('sku') },
  'POST /api/v1/orders/placeOrder': {
    body: { orderId: field(validId), sku: field(validId), units: field(fc.integer({ min: 1, max: 10 })), price: field(price), userId: field(validId) },
  },
  'POST /api/v1/orders/listOrders': { body: listBody('orderId') },
  'POST /api/v1/payments/listOrderPayments': { body: listBody('orderId') },
  'POST /api/v1/testing/simulateRawEvent': {
    body: {
      pk: field(validId.map((id) => `EVENTS#ORDER_ID#${id}`)),
      sk: field(fc.constantFrom(...ORDER_EVENT_NAMES).map((name) => `EVENT#${name}`)),
      eventName: field(fc.constantFrom(...ORDER_EVENT_NAMES)),
      eventData: field(fc.oneof(fc.record({ orderId: validId, sku: validId, units: fc.integer({ min: 1, max: 5 }), price, userId: validId }), storableJson)),
      createdAt: field(validText(30), true),
      updatedAt: field(validText(30), true),
    },
  },
});

const enrichment = (): Record<string, RouteSpec> => ({
  'POST /enrichment': {
    body: {
      contacts: field(fc.array(fc.record({ first_name: validText(20), last_name: validText(20), company_domain: fc.domain() }), { minLength: 1, maxLength: 5 })),
      fields_to_enrich: field(fc.array(fc.constantFrom('professional_email', 'personal_phone'), { minLength: 1, maxLength: 2 })),
    },
  },
  'GET /enrichment/{id}': { params: { id: fc.oneof(uuid, validId) } },
  'POST /enrichment/uploads': none,
});

const dispensary = ({ dispenseIds }: FuzzContext): Record<string, RouteSpec> => {
  const id = fc.oneof({ arbitrary: fc.constantFrom(...dispenseIds), weight: 3 }, { arbitrary: fc.ulid(), weight: 1 });
  const text = validText(40);
  return {
    'POST /dispenses': none,
    'GET /dispenses': { query: { limit: field(fc.integer({ min: 1, max: 100 }).map(String), true) } },
    'GET /dispenses/{id}': { params: { id } },
    'DELETE /dispenses/{id}': { params: { id } },
    'POST /dispenses/{id}/patient': { params: { id }, body: { patient_id: field(text), name: field(text) } },
    'POST /dispenses/{id}/drugs': {
      params: { id },
      body: { drugs: field(fc.array(fc.record({ drug_id: text, name: text, quantity: fc.integer({ min: 1, max: 1_000 }) }), { minLength: 1, maxLength: 5 })) },
    },
    'POST /dispenses/{id}/complete': { params: { id } },
    'POST /dispenses/{id}/prescription/upload-url': { params: { id }, body: { file_name: field(fc.constantFrom('rx.pdf', 'scan.jpg', 'photo.png')), content_type: field(fc.constant('application/pdf'), true) } },
  };
};

const serviceLimits = ({ accountIds, serviceIds }: FuzzContext): Record<string, RouteSpec> => {
  const accountId = fc.oneof({ arbitrary: fc.constantFrom(...accountIds), weight: 3 }, { arbitrary: uuid, weight: 1 });
  const serviceId = fc.oneof({ arbitrary: fc.constantFrom(...serviceIds), weight: 3 }, { arbitrary: uuid, weight: 1 });
  const owner = { ownerAccountId: field(accountId) };
  const username = field(fc.string({ minLength: 1, maxLength: 50 }));
  const serviceName = field(fc.string({ minLength: 1, maxLength: 100 }));
  return {
    'GET /health': none,
    'GET /openapi.json': none,
    'GET /docs': none,
    'POST /accounts': { body: { username } },
    'GET /accounts': none,
    'GET /accounts/{id}': { params: { id: accountId } },
    'PUT /accounts/{id}': {
      params: { id: accountId },
      body: { username: { ...username, optional: true }, number_of_services: field(fc.integer({ min: 0, max: 10 }), true), max_number_of_services: field(fc.integer({ min: 0, max: 10_000 }), true) },
    },
    'DELETE /accounts/{id}': { params: { id: fc.oneof(uuid, accountId) } },
    'GET /accounts/{id}/services': { params: { id: accountId } },
    'DELETE /accounts/{id}/services': { params: { id: accountId } },
    'POST /services': { body: { account_id: field(accountId), name: serviceName } },
    'GET /services': none,
    'GET /services/{id}': { params: { id: serviceId }, query: owner },
    'PUT /services/{id}': { params: { id: serviceId }, query: owner, body: { name: serviceName } },
    'DELETE /services/{id}': { params: { id: serviceId }, query: owner },
    'GET /counts': none,
    'GET /counts/{accountId}': { params: { accountId } },
  };
};

/** Every app's routes by `<app> <route key>`: the fuzz suite fails for a route of a topology missing here. */
export function routeSpecs(context: FuzzContext): Readonly<Record<string, RouteSpec>> {
  const byApp = { ecommerce: ecommerce(), enrichment: enrichment(), dispensary: dispensary(context), 'service-limits': serviceLimits(context) };
  return Object.fromEntries(Object.entries(byApp).flatMap(([app, routes]) => Object.entries(routes).map(([key, spec]) => [`${app} ${key}`, spec])));
}
