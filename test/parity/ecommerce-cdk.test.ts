import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecommerceApp } from '../../src/apps/ecommerce/topology.ts';
import { buildCdkApp } from '../../src/aws/synth.ts';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { loadCloudAssembly } from '../../src/local-cloud/templates/index.ts';
import { startTestCloud } from '../support/cloud.ts';
import { ecommerceClient, type EcommerceClient } from '../e2e/ecommerce/client.ts';

// The AWS path, run locally: the ecommerce topology synthesized by the CDK (esbuild bundles, IAM,
// the testing API enabled), loaded back as a cloud assembly, and driven through its stack outputs.
describe('parity: the synthesized ecommerce stack runs on the local cloud through --cdk-out', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'eventloom-parity-'));
  let cloud: LocalCloud;
  let api: EcommerceClient;
  let outputs: Record<string, string>;

  beforeAll(async () => {
    const { app } = buildCdkApp({
      apps: [ecommerceApp({ paymentGateway: { mode: 'accept' } })],
      stage: 'dev',
      enableTestingApi: true,
      env: { account: '000000000000', region: 'us-east-1' },
      appProps: { outdir },
    });
    app.synth();
    const stacks = await loadCloudAssembly(outdir, { stacks: ['eventloom-dev-ecommerce'] });
    cloud = await startTestCloud({ apps: [], stacks });
    outputs = cloud.outputs['eventloom-dev-ecommerce'] ?? {};
    const url = (suffix: string) => Object.entries(outputs).find(([key]) => key.toLowerCase().includes(suffix))?.[1] ?? '';
    api = ecommerceClient({
      INVENTORY_API_BASE_URL: url('inventory'),
      ORDERS_API_BASE_URL: url('orders'),
      PAYMENTS_API_BASE_URL: url('payments'),
      TESTING_API_BASE_URL: url('testing'),
    });
  }, 300_000);

  afterAll(async () => {
    await cloud?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  it('writes each HTTP API base URL as a local URL among the stack outputs', () => {
    const urls = Object.values(outputs).filter((value) => value.startsWith(cloud.url));
    expect(urls.length).toBeGreaterThanOrEqual(4);
  });

  it('runs the saga: a restock and a paid order end PAYMENT_ACCEPTED with the stock decremented', { timeout: 120_000 }, async () => {
    const sku = `PARITY-${Date.now()}`;
    await api.restocked({ sku, units: 5, lotId: `lot-${sku}` });
    const orderId = `ORD-PARITY-${Date.now()}`;
    expect((await api.placeOrder({ orderId, sku, units: 2, price: 10, userId: 'parity-user' })).status).toBe(202);
    const order = await api.waitForOrderStatus(orderId, 'ORDER_PAYMENT_ACCEPTED_STATUS', 90_000);
    expect(order.units).toBe(2);
    await api.waitForPayment(orderId, 'PAYMENT_ACCEPTED', 30_000);
    await api.waitForUnits(sku, 3, 30_000);
  });
});
