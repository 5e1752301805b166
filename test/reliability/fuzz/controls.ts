import { randomUUID } from 'node:crypto';
import { waitFor } from '../../support/wait-for.ts';
import { callOk } from './http.ts';

/** An app's API base URL by API name (`apiUrl(app, api)` of the cloud). */
export type ApiUrl = (api: string) => string;

const SETTLE = { timeoutMs: 90_000, intervalMs: 200 };

/** ecommerce: a restock and an order placed after the fuzz reach their final state (payment accepted). */
export async function ecommerceControl(url: ApiUrl): Promise<string> {
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const sku = `CONTROL-${tag}`;
  const orderId = `CONTROL-ORDER-${tag}`;
  await callOk(`${url('inventory')}/api/v1/inventory/restockSku`, 'POST', 202, { sku, units: 5, lotId: `LOT-${tag}` });
  // The restock is applied by a worker: wait for the stock, so the order is not depleted by a race.
  await waitFor(async () => (await callOk<{ skus: { units: number }[] }>(`${url('inventory')}/api/v1/inventory/listSkus`, 'POST', 200, { sku })).skus[0]?.units === 5, { ...SETTLE, description: `stock of ${sku}` });
  await callOk(`${url('orders')}/api/v1/orders/placeOrder`, 'POST', 202, { orderId, sku, units: 2, price: 9.99, userId: 'CONTROL-USER' });
  const listOrder = async () => (await callOk<{ orders: { orderStatus: string }[] }>(`${url('orders')}/api/v1/orders/listOrders`, 'POST', 200, { orderId })).orders[0]?.orderStatus;
  return waitFor(async () => (await listOrder()) === 'ORDER_PAYMENT_ACCEPTED_STATUS' && 'ORDER_PAYMENT_ACCEPTED_STATUS', { ...SETTLE, description: `order ${orderId} paid` });
}

/** enrichment: a one-contact request is split, enriched and assembled (completed). */
export async function enrichmentControl(url: ApiUrl): Promise<string> {
  const { requestId } = await callOk<{ requestId: string }>(`${url('api')}/enrichment`, 'POST', 202, {
    contacts: [{ first_name: 'Control', last_name: randomUUID(), company_domain: 'control.example' }],
    fields_to_enrich: ['professional_email'],
  });
  return waitFor(async () => (await callOk<{ status: string }>(`${url('api')}/enrichment/${requestId}`, 'GET', 200)).status === 'completed' && 'completed', { ...SETTLE, description: `request ${requestId} completed` });
}

/** dispensary: a dispense's commands reach its view through the event log stream, Kinesis and the projector. */
export async function dispensaryControl(url: ApiUrl): Promise<string> {
  const { id } = await callOk<{ id: string }>(`${url('api')}/dispenses`, 'POST', 201, {});
  await callOk(`${url('api')}/dispenses/${id}/patient`, 'POST', 200, { patient_id: 'P-CONTROL', name: 'Control' });
  await callOk(`${url('api')}/dispenses/${id}/drugs`, 'POST', 200, { drugs: [{ drug_id: 'D-CONTROL', name: 'Control', quantity: 1 }] });
  return waitFor(
    async () => {
      const view = await callOk<{ dispense?: { drugs?: unknown[]; patient_id?: string } }>(`${url('api')}/dispenses/${id}`, 'GET', 200).catch(() => undefined);
      return view?.dispense?.patient_id === 'P-CONTROL' && view.dispense.drugs?.length === 1 && 'projected';
    },
    { ...SETTLE, description: `view of dispense ${id}` },
  );
}

/** service-limits: a service created after the fuzz is counted by the stream consumer. */
export async function serviceLimitsControl(url: ApiUrl): Promise<string> {
  const { id } = await callOk<{ id: string }>(`${url('api')}/accounts`, 'POST', 201, { username: 'control' });
  await callOk(`${url('api')}/services`, 'POST', 201, { account_id: id, name: 'control' });
  return waitFor(
    async () => {
      const counts = await callOk<{ count_value: number }[]>(`${url('api')}/counts/${id}`, 'GET', 200).catch(() => []);
      return counts.some((count) => count.count_value === 1) && 'counted';
    },
    { ...SETTLE, description: `service of account ${id} counted` },
  );
}
