import { SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcommerce, type EcommerceCloud } from '../e2e/ecommerce/harness.ts';
import type { PlaceOrder } from '../e2e/ecommerce/client.ts';
import { testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';
import { chromiumMissing, launchBrowser, type Browser } from './browser.ts';

// The dashboard in a real headless Chromium, on the ecommerce app: resources, counts moving, an
// order's path, a function's logs, fault injection taking effect and a DLQ redrive recovering.
const APP = 'e2edash';
const fn = (name: string) => `${APP}-${name}`;
const order = (orderId: string): PlaceOrder => ({ orderId, sku: 'DASH-SKU', units: 1, price: 10, userId: 'USER-DASH' });
const eventually = <T>(check: () => T | Promise<T>, description: string) => waitFor(check, { timeoutMs: 30_000, intervalMs: 100, description });

describe.skipIf(chromiumMissing !== undefined)(`dashboard page in headless Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, () => {
  let ecommerce: EcommerceCloud;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const row = (table: string, key: string) => page.locator(`details[data-stack="${APP}"] table[data-table="${table}"] tr[data-key="${key}"]`);
  const cell = async (table: string, key: string, column: string) => (await row(table, key).locator(`td.${column}`).textContent())?.trim() ?? '';
  const number = async (table: string, key: string, column: string) => Number((await cell(table, key, column)).replaceAll(',', '') || '0');

  beforeAll(async () => {
    ecommerce = await startEcommerce(APP, { mode: 'accept' });
    await ecommerce.api.restocked({ sku: 'DASH-SKU', units: 100, lotId: 'LOT-DASH' });
    browser = await launchBrowser(errors);
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ecommerce?.stop();
  });

  it('shows the stack with its functions, queues and DLQs, table, rules, pipe and mappings, live', async () => {
    // Act
    await page.goto(`${ecommerce.cloud.url}/_eventloom/`);

    // Assess
    await row('functions', fn('placeOrderApi')).waitFor();
    await page.locator('#status[data-state="live"]').waitFor();
    expect(await row('queues', fn('processOrderPaymentWorkerDlq')).locator('button[data-action="redrive"]').count()).toBe(1);
    expect(await cell('queues', fn('processOrderPaymentWorkerQueue'), 'redrive')).toBe(`→ ${fn('processOrderPaymentWorkerDlq')}`);
    await row('tables', fn('store')).waitFor();
    await row('rules', `${fn('events')}/${fn('syncOrderWorker')}`).waitFor();
    await row('pipes', fn('storeToBus')).waitFor();
    expect(await page.locator(`details[data-stack="${APP}"] table[data-table="eventSourceMappings"] tbody tr`).count()).toBe(7);
    await eventually(async () => expect(await number('tables', fn('store'), 'items')).toBeGreaterThan(0), 'the restocked items counted');
    await browser.screenshot(page, 'resources', { docs: true });
  });

  it('counts move as orders are placed, and the timeline shows each step live', async () => {
    // Prepare
    const placedBefore = await number('functions', fn('placeOrderApi'), 'invocations');
    const matchedBefore = await number('rules', `${fn('events')}/${fn('processOrderPaymentWorker')}`, 'matches');

    // Act
    for (const id of ['DASH-1', 'DASH-2', 'DASH-3']) expect((await ecommerce.api.placeOrder(order(id))).status).toBe(202);

    // Assess
    await eventually(async () => expect(await number('functions', fn('placeOrderApi'), 'invocations')).toBe(placedBefore + 3), 'placeOrderApi counted');
    await eventually(async () => expect(await number('rules', `${fn('events')}/${fn('processOrderPaymentWorker')}`, 'matches')).toBeGreaterThanOrEqual(matchedBefore + 3), 'rule matches counted');
    await eventually(async () => expect(await cell('functions', fn('completeOrderPaymentAcceptedWorker'), 'p95')).toMatch(/\d+ (ms|s)$/), 'a p95 shown');
    await page.click('a[data-tab="timeline"]');
    await page.locator(`#timeline tr[data-kind="invocation"]`).first().waitFor();
    for (const kind of ['stream-record', 'pipe-delivery', 'rule-match', 'queue-send']) expect(await page.locator(`#timeline tr[data-kind="${kind}"]`).count()).toBeGreaterThan(0);
    await browser.screenshot(page, 'timeline');
  });

  it("draws a searched order's path as a sequence diagram with timings, and opens it from ?trace=", async () => {
    await ecommerce.api.waitForOrderStatus('DASH-2', 'ORDER_PAYMENT_ACCEPTED_STATUS');

    // Act
    await page.click('a[data-tab="trace"]');
    await page.fill('#trace-key', 'DASH-2');
    await page.click('#trace-form button[type="submit"]');

    // Assess
    const participants = () => page.locator('svg.sequence g[data-participant]').evaluateAll((groups) => groups.map((group) => group.getAttribute('data-participant')));
    const path = ['function:placeOrderApi', 'table:store', 'pipe:storeToBus', 'bus:events', 'queue:processOrderPaymentWorkerQueue', 'function:processOrderPaymentWorker', 'function:completeOrderPaymentAcceptedWorker'];
    await eventually(async () => expect(await participants()).toEqual(expect.arrayContaining(path.map((p) => p.replace(':', `:${APP}-`)))), 'the full path');
    expect(await page.locator('svg.sequence text.participant-name', { hasText: /^placeOrderApi$/ }).count()).toBe(1);
    expect(await page.locator('svg.sequence g.step[data-kind="invocation"]').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('svg.sequence text.offset').last().textContent()).toMatch(/^\+\d/);
    expect(new URL(page.url()).searchParams.get('trace')).toBe('DASH-2');
    await browser.screenshot(page, 'trace', { docs: true });
    const linked = await browser.newPage();
    await linked.goto(`${ecommerce.cloud.url}/_eventloom/?trace=DASH-3`);
    await linked.locator(`svg.sequence g[data-participant="function:${fn('placeOrderApi')}"]`).waitFor();
    expect(await linked.locator('#view-trace').isVisible()).toBe(true);
    await linked.close();
  });

  it("shows a function's log lines and follows new ones", async () => {
    // Act
    await page.click('a[data-tab="resources"]');
    await row('functions', fn('placeOrderApi')).locator('button[data-action="logs"]').click();

    // Assess
    const lines = page.locator('#logs-lines .line');
    await eventually(async () => expect(await lines.filter({ hasText: 'REPORT RequestId:' }).count()).toBeGreaterThanOrEqual(3), 'REPORT lines');
    const before = await lines.filter({ hasText: 'START RequestId:' }).count();
    await ecommerce.api.placeOrder(order('DASH-4'));
    await eventually(async () => expect(await lines.filter({ hasText: 'START RequestId:' }).count()).toBe(before + 1), 'the new invocation followed');
    await browser.screenshot(page, 'logs');
  });

  it('a fault injected from the page takes effect (errors, a dead letter), and a redrive from the page recovers the order', async () => {
    // Prepare: dead-letter a payment message after one failed receive.
    const sqs = new SQSClient({ endpoint: ecommerce.cloud.url, region: 'us-east-1', credentials: testCredentials });
    const dlqArn = ecommerce.cloud.services.sqs.queueArn(fn('processOrderPaymentWorkerDlq'));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: ecommerce.cloud.services.sqs.queueUrl(fn('processOrderPaymentWorkerQueue')), Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } }));
    sqs.destroy();
    await page.click('a[data-tab="resources"]');
    const errorsBefore = await number('functions', fn('processOrderPaymentWorker'), 'errors');

    // Act: 100% errors on the payment worker, from the page.
    await row('functions', fn('processOrderPaymentWorker')).locator('button[data-action="fault"]').click();
    await page.fill('#dialog-fields input[name="errorRate"]', '100');
    await page.click('#dialog-ok');
    await page.locator('#faults .fault-item', { hasText: fn('processOrderPaymentWorker') }).waitFor();
    await ecommerce.api.placeOrder(order('DASH-FAULT'));

    // Assess: the worker fails, the message lands in the DLQ, the order waits for its payment.
    expect(await cell('functions', fn('processOrderPaymentWorker'), 'fault')).toBe('100% errors');
    await eventually(async () => expect(await number('queues', fn('processOrderPaymentWorkerQueue'), 'dlq')).toBe(1), 'the dead letter on the page');
    expect(await number('functions', fn('processOrderPaymentWorker'), 'errors')).toBeGreaterThan(errorsBefore);
    expect(await ecommerce.api.payment('DASH-FAULT')).toBeUndefined();
    await browser.screenshot(page, 'fault');

    // Act: fault off, then redrive the DLQ back to its source queue, from the page.
    await row('functions', fn('processOrderPaymentWorker')).locator('button[data-action="fault"]').click();
    await page.click('#dialog button.extra');
    await page.locator('#faults').waitFor({ state: 'hidden' });
    await row('queues', fn('processOrderPaymentWorkerDlq')).locator('button[data-action="redrive"]').click();
    await page.click('#dialog-ok');

    // Assess
    await ecommerce.api.waitForOrderStatus('DASH-FAULT', 'ORDER_PAYMENT_ACCEPTED_STATUS', 30_000);
    await eventually(async () => expect(await cell('queues', fn('processOrderPaymentWorkerDlq'), 'redrive')).toContain('redrive completed 1/1'), 'the redrive shown');
    await eventually(async () => expect(await number('queues', fn('processOrderPaymentWorkerQueue'), 'dlq')).toBe(0), 'an empty DLQ');
    await page.click('a[data-tab="timeline"]');
    await page.locator('#timeline tr[data-kind="message-move"]').first().waitFor();
    expect(await page.locator('#timeline tr[data-kind="dlq-move"]').count()).toBeGreaterThan(0);
  });

  it('invokes a function, sends a message and puts an event from the page, showing the answers', async () => {
    await page.click('a[data-tab="resources"]');

    // Act: invoke the stock list API with a body it refuses (a 400 answer, not a function error).
    await row('functions', fn('listSkusApi')).locator('button[data-action="invoke"]').click();
    await page.fill('#dialog-fields textarea[name="payload"]', '{"body": "not json"}');
    await page.click('#dialog-ok');

    // Assess
    await page.locator('#dialog-result', { hasText: '"statusCode": 400' }).waitFor();
    await page.fill('#dialog-fields textarea[name="payload"]', '{oops');
    await page.click('#dialog-ok');
    await page.locator('#dialog-error', { hasText: 'payload' }).waitFor();
    await page.click('#dialog-cancel');

    // Act: a message to a DLQ, then an event no rule matches.
    await row('queues', fn('deallocateOrderCanceledWorkerDlq')).locator('button[data-action="send"]').click();
    await page.fill('#dialog-fields textarea[name="body"]', 'sent from the page');
    await page.click('#dialog-ok');
    await eventually(async () => expect(await number('queues', fn('deallocateOrderCanceledWorkerDlq'), 'visible')).toBe(1), 'the message counted');
    await row('buses', fn('events')).locator('button[data-action="put-event"]').click();
    await page.fill('#dialog-fields input[name="detailType"]', 'Dashboard.Test');
    await page.fill('#dialog-fields textarea[name="detail"]', '{"hello": "world"}');
    await page.click('#dialog-ok');

    // Assess
    await page.locator('#dialog-result', { hasText: '"matchedRules": []' }).waitFor();
    await page.click('#dialog-cancel');
    await row('queues', fn('deallocateOrderCanceledWorkerDlq')).locator('button[data-action="purge"]').click();
    await page.click('#dialog-ok');
    await eventually(async () => expect(await number('queues', fn('deallocateOrderCanceledWorkerDlq'), 'visible')).toBe(0), 'the purged queue');
  });

  it('pauses and resumes an event source mapping from the page', async () => {
    await page.click('a[data-tab="resources"]');
    const mapping = page.locator(`details[data-stack="${APP}"] table[data-table="eventSourceMappings"] tr`, { hasText: fn('syncOrderWorker') });

    await mapping.locator('button[data-action="pause"]').click();
    await mapping.locator('td.state', { hasText: 'Disabled' }).waitFor();
    await mapping.locator('button[data-action="resume"]').click();
    await mapping.locator('td.state', { hasText: 'Enabled' }).waitFor();

    expect(errors).toEqual([]);
  });
});
