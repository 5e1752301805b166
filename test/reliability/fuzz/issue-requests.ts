/** Issue 15's F2–F5 requests, exactly, and what each must answer on a cloud that runs the fuzzed apps. */
export interface IssueRequest {
  readonly name: string;
  readonly app: 'ecommerce' | 'enrichment' | 'dispensary';
  readonly api: string;
  readonly method: string;
  /** `{dispense}` is replaced by a dispense created for the case. */
  readonly path: string;
  readonly body: string;
  readonly status: 400 | 409;
  /** The field the 400 names (absent for a 409). */
  readonly field?: string;
}

const order = { orderId: 'ISSUE15-ORDER', sku: 'ISSUE15-SKU', units: 1, price: 1.5, userId: 'ISSUE15-USER' };
const json = (value: unknown) => JSON.stringify(value);
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

export const ISSUE_REQUESTS: readonly IssueRequest[] = [
  { name: 'F2: placeOrder with a 300 KB userId', app: 'ecommerce', api: 'orders', method: 'POST', path: '/api/v1/orders/placeOrder', body: json({ ...order, userId: 'u'.repeat(300_000) }), status: 400, field: 'userId' },
  { name: 'F3: placeOrder with a 1,100-character orderId', app: 'ecommerce', api: 'orders', method: 'POST', path: '/api/v1/orders/placeOrder', body: json({ ...order, orderId: 'o'.repeat(1_100) }), status: 400, field: 'orderId' },
  { name: 'F3: restockSku with a 600-character sku', app: 'ecommerce', api: 'inventory', method: 'POST', path: '/api/v1/inventory/restockSku', body: json({ sku: 's'.repeat(600), units: 1, lotId: 'ISSUE15-LOT' }), status: 400, field: 'sku' },
  { name: 'F4: listOrders with a 3,000-character orderId', app: 'ecommerce', api: 'orders', method: 'POST', path: '/api/v1/orders/listOrders', body: json({ orderId: 'o'.repeat(3_000) }), status: 400, field: 'orderId' },
  { name: 'F4: listSkus with 4-byte characters past 256 bytes', app: 'ecommerce', api: 'inventory', method: 'POST', path: '/api/v1/inventory/listSkus', body: json({ sku: '😀'.repeat(700) }), status: 400, field: 'sku' },
  { name: 'F4: placeOrder with a 1 MB string', app: 'ecommerce', api: 'orders', method: 'POST', path: '/api/v1/orders/placeOrder', body: json({ ...order, sku: 'm'.repeat(1_048_576) }), status: 400, field: 'sku' },
  { name: 'F4: placeOrder with price 1e200', app: 'ecommerce', api: 'orders', method: 'POST', path: '/api/v1/orders/placeOrder', body: json({ ...order, price: 1e200 }), status: 400, field: 'price' },
  { name: 'F4: restockSku with units beyond 2^53', app: 'ecommerce', api: 'inventory', method: 'POST', path: '/api/v1/inventory/restockSku', body: '{"sku":"ISSUE15-SKU","units":9007199254740993,"lotId":"ISSUE15-LOT"}', status: 400, field: 'units' },
  {
    name: 'F4: simulateRawEvent nested 5,000 deep',
    app: 'ecommerce',
    api: 'testing',
    method: 'POST',
    path: '/api/v1/testing/simulateRawEvent',
    body: `{"pk":"EVENTS#ORDER_ID#ISSUE15","sk":"EVENT#ORDER_PLACED_EVENT","eventName":"ORDER_PLACED_EVENT","eventData":${deep(5_000)}}`,
    status: 400,
    field: 'eventData',
  },
  { name: 'F4: an enrichment upload key with a NUL', app: 'enrichment', api: 'api', method: 'POST', path: '/enrichment', body: json({ contacts: 'uploads/a\u0000b.json', fields_to_enrich: ['professional_email'] }), status: 400, field: 'contacts' },
  {
    name: 'F5: enrichment with a 1 MB company_domain',
    app: 'enrichment',
    api: 'api',
    method: 'POST',
    path: '/enrichment',
    body: json({ contacts: [{ first_name: 'A', last_name: 'B', company_domain: 'd'.repeat(1_000_000) }], fields_to_enrich: ['professional_email'] }),
    status: 400,
    field: 'contacts',
  },
  { name: 'F4: a dispense patient with a 1 MB name', app: 'dispensary', api: 'api', method: 'POST', path: '/dispenses/{dispense}/patient', body: json({ patient_id: 'P1', name: 'n'.repeat(1_000_000) }), status: 400, field: 'name' },
  {
    name: 'F4: a dispense whose state would outgrow its items',
    app: 'dispensary',
    api: 'api',
    method: 'POST',
    path: '/dispenses/{dispense}/drugs',
    body: json({ drugs: Array.from({ length: 100 }, (_, i) => ({ drug_id: `D${i}`, name: '\u0000'.repeat(256), quantity: 1 })) }),
    status: 409,
  },
];
