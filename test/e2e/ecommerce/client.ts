import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { waitFor } from '../../support/wait-for.ts';

/** The four HTTP APIs of the ecommerce app (spec §3), by their `.env` names. */
export interface EcommerceUrls {
  readonly INVENTORY_API_BASE_URL: string;
  readonly ORDERS_API_BASE_URL: string;
  readonly PAYMENTS_API_BASE_URL: string;
  readonly TESTING_API_BASE_URL: string;
}

export interface Restock {
  sku: string;
  units: number;
  lotId: string;
}

export interface PlaceOrder {
  orderId: string;
  sku: string;
  units: number;
  price: number;
  userId: string;
}

export interface ListQuery {
  limit?: number;
  sortDirection?: 'asc' | 'desc';
  nextToken?: string;
}

export interface RawEvent {
  pk: string;
  sk: string;
  eventName: string;
  eventData: unknown;
  createdAt?: string;
  updatedAt?: string;
}

export interface SkuView {
  sku: string;
  units: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrderView extends PlaceOrder {
  orderStatus: string;
  createdAt: string;
  updatedAt: string;
}

export interface PaymentView extends PlaceOrder {
  paymentId: string;
  paymentStatus: 'PAYMENT_ACCEPTED' | 'PAYMENT_FAILED' | 'PAYMENT_REJECTED';
  paymentRetries: number;
  createdAt: string;
  updatedAt: string;
}

export interface HttpAnswer<Body> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Body;
}

/** The routes, each with the API (base URL) that serves it. */
export const ROUTES = {
  restockSku: ['INVENTORY_API_BASE_URL', '/api/v1/inventory/restockSku'],
  listSkus: ['INVENTORY_API_BASE_URL', '/api/v1/inventory/listSkus'],
  placeOrder: ['ORDERS_API_BASE_URL', '/api/v1/orders/placeOrder'],
  listOrders: ['ORDERS_API_BASE_URL', '/api/v1/orders/listOrders'],
  listOrderPayments: ['PAYMENTS_API_BASE_URL', '/api/v1/payments/listOrderPayments'],
  simulateRawEvent: ['TESTING_API_BASE_URL', '/api/v1/testing/simulateRawEvent'],
} as const satisfies Record<string, readonly [keyof EcommerceUrls, string]>;
export type Route = keyof typeof ROUTES;

export const FINAL_ORDER_STATUSES = ['ORDER_PAYMENT_ACCEPTED_STATUS', 'ORDER_PAYMENT_REJECTED_STATUS', 'ORDER_STOCK_DEPLETED_STATUS'];

/**
 * A typed client of the ecommerce HTTP APIs as a black box: every call is a POST with a JSON body,
 * answers are returned with their status (tests assert 202 echoes and 400s themselves).
 *
 * @example
 * const api = ecommerceClient(cloud.env as EcommerceUrls);
 * await api.restock({ sku: 'APPLES', units: 10, lotId: 'LOT-1' });
 * await api.waitForOrderStatus('ORD-1', 'ORDER_PAYMENT_ACCEPTED_STATUS');
 */
export function ecommerceClient(urls: EcommerceUrls) {
  const url = (route: Route) => `${urls[ROUTES[route][0]]}${ROUTES[route][1]}`;

  /** POSTs `body` (a string is sent as is, so tests can send broken JSON; undefined = no body). */
  async function post<Body = Record<string, unknown>>(route: Route, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<Body>> {
    const init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json', ...headers } };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(url(route), init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Body };
  }

  /** A list call that must succeed. */
  async function list<Body>(route: Route, query: object): Promise<Body> {
    const answer = await post<Body>(route, query);
    if (answer.status !== 200) throw new Error(`${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  const api = {
    url,
    post,
    restock: (restock: Restock) => post<Restock>('restockSku', restock),
    placeOrder: (order: PlaceOrder) => post<PlaceOrder>('placeOrder', order),
    simulateRawEvent: (event: RawEvent) => post<RawEvent>('simulateRawEvent', event),
    listSkus: (query: ListQuery & { sku?: string } = {}) => list<{ skus: SkuView[]; nextToken?: string }>('listSkus', query),
    listOrders: (query: ListQuery & { orderId?: string } = {}) => list<{ orders: OrderView[]; nextToken?: string }>('listOrders', query),
    listPayments: (query: ListQuery & { orderId?: string } = {}) => list<{ orderPayments: PaymentView[]; nextToken?: string }>('listOrderPayments', query),

    /** The SKU's current units, undefined while it was never restocked. */
    async units(sku: string): Promise<number | undefined> {
      return (await api.listSkus({ sku })).skus[0]?.units;
    },
    async order(orderId: string): Promise<OrderView | undefined> {
      return (await api.listOrders({ orderId })).orders[0];
    },
    async payment(orderId: string): Promise<PaymentView | undefined> {
      return (await api.listPayments({ orderId })).orderPayments[0];
    },
    /** Every order, following `nextToken`. */
    async allOrders(): Promise<OrderView[]> {
      const orders: OrderView[] = [];
      let nextToken: string | undefined;
      do {
        const page = await api.listOrders({ limit: 1000, ...(nextToken && { nextToken }) });
        orders.push(...page.orders);
        nextToken = page.nextToken;
      } while (nextToken);
      return orders;
    },

    async waitForOrderStatus(orderId: string, orderStatus: string, timeoutMs = 15_000): Promise<OrderView> {
      return waitFor(
        async () => {
          const order = await api.order(orderId);
          expect(order?.orderStatus).toBe(orderStatus);
          return order!;
        },
        { timeoutMs, intervalMs: 100, description: `order ${orderId} in ${orderStatus}` },
      );
    },
    async waitForPayment(orderId: string, paymentStatus: PaymentView['paymentStatus'], timeoutMs = 15_000): Promise<PaymentView> {
      return waitFor(
        async () => {
          const payment = await api.payment(orderId);
          expect(payment?.paymentStatus).toBe(paymentStatus);
          return payment!;
        },
        { timeoutMs, intervalMs: 100, description: `payment of ${orderId} ${paymentStatus}` },
      );
    },
    async waitForUnits(sku: string, units: number, timeoutMs = 15_000): Promise<void> {
      await waitFor(async () => expect(await api.units(sku)).toBe(units), { timeoutMs, intervalMs: 100, description: `${units} units of ${sku}` });
    },

    /** Restocks and waits until the SKU shows `expectedUnits` (default: the lot's units). */
    async restocked(restock: Restock, expectedUnits = restock.units): Promise<void> {
      expect((await api.restock(restock)).status).toBe(202);
      await api.waitForUnits(restock.sku, expectedUnits);
    },

    /**
     * Spec §4.7 once quiet: `units + Σ units of the SKU's accepted orders = Σ restocked units`
     * (every allocated order ended accepted or rejected).
     */
    async expectStockInvariant(sku: string, restockedUnits: number): Promise<void> {
      const accepted = (await api.allOrders()).filter((order) => order.sku === sku && order.orderStatus === 'ORDER_PAYMENT_ACCEPTED_STATUS');
      const sold = accepted.reduce((sum, order) => sum + order.units, 0);
      expect((await api.units(sku)) ?? 0).toBe(restockedUnits - sold);
    },
  };
  return api;
}

export type EcommerceClient = ReturnType<typeof ecommerceClient>;

/** The order event raw through simulateRawEvent, under the real key (`EVENT#<name>`) unless `sk` is given. */
export function rawOrderEvent(eventName: string, order: PlaceOrder, sk = `EVENT#${eventName}`): RawEvent {
  return { pk: `EVENTS#ORDER_ID#${order.orderId}`, sk, eventName, eventData: order };
}

/** The paymentId the gateway gives an order it settles: MD5(orderId), 6 hex digits upper-cased (spec §4.4). */
export const md5PaymentId = (orderId: string) => createHash('md5').update(orderId).digest('hex').slice(0, 6).toUpperCase();
