import type { SeedOrder, SeedRestock } from './data.ts';
import { ApiResponseError, ApiUnreachableError } from './errors.ts';
import type { OrderView, PaymentView, SkuView, SystemSnapshot } from './summary.ts';

/** Base URLs of the HTTP APIs the seed talks to (`INVENTORY_API_BASE_URL`, …; no trailing `/`). */
export interface EcommerceUrls {
  readonly inventory: string;
  readonly orders: string;
  readonly payments: string;
}

export interface ApiResponse {
  readonly url: string;
  readonly status: number;
  readonly body: string;
}

/** A thin client of the ecommerce HTTP APIs (spec §3): every route is a POST with a JSON body. */
export class EcommerceApi {
  private readonly urls: EcommerceUrls;

  constructor(urls: EcommerceUrls) {
    const trim = (url: string) => url.replace(/\/+$/, '');
    this.urls = { inventory: trim(urls.inventory), orders: trim(urls.orders), payments: trim(urls.payments) };
  }

  restockSku(restock: SeedRestock): Promise<ApiResponse> {
    return this.post(`${this.urls.inventory}/api/v1/inventory/restockSku`, restock);
  }

  placeOrder(order: SeedOrder): Promise<ApiResponse> {
    return this.post(`${this.urls.orders}/api/v1/orders/placeOrder`, order);
  }

  /** Every order, payment and SKU, following `nextToken` through all pages. */
  async snapshot(): Promise<SystemSnapshot> {
    const [orders, payments, skus] = await Promise.all([
      this.listAll<OrderView>(`${this.urls.orders}/api/v1/orders/listOrders`, 'orders'),
      this.listAll<PaymentView>(`${this.urls.payments}/api/v1/payments/listOrderPayments`, 'orderPayments'),
      this.listAll<SkuView>(`${this.urls.inventory}/api/v1/inventory/listSkus`, 'skus'),
    ]);
    return { orders, payments, skus };
  }

  private async listAll<Item>(url: string, field: string): Promise<Item[]> {
    const items: Item[] = [];
    let nextToken: string | undefined;
    do {
      const response = await this.post(url, { limit: 1000, ...(nextToken && { nextToken }) });
      const page = response.status === 200 ? parse(response.body) : undefined;
      const pageItems = page?.[field];
      if (!Array.isArray(pageItems)) throw new ApiResponseError(url, response.status, response.body);
      items.push(...(pageItems as Item[]));
      nextToken = typeof page?.nextToken === 'string' ? page.nextToken : undefined;
    } while (nextToken);
    return items;
  }

  private async post(url: string, body: unknown): Promise<ApiResponse> {
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (error) {
      throw new ApiUnreachableError(url, { cause: error });
    }
    return { url, status: response.status, body: await response.text() };
  }
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
