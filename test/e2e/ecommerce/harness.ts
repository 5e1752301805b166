import { GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { vi } from 'vitest';
import { ecommerceApp, type PaymentGatewaySettings } from '../../../src/apps/ecommerce/topology.ts';
import type { LocalCloud } from '../../../src/local-cloud/cloud.ts';
import { startTestCloud } from '../../support/cloud.ts';
import { waitFor } from '../../support/wait-for.ts';
import { ecommerceClient, type EcommerceClient } from './client.ts';

export interface EcommerceCloud {
  readonly cloud: LocalCloud;
  readonly api: EcommerceClient;
  stop(): Promise<void>;
}

export interface StartEcommerceOptions {
  /** Default 1 s, so a payment failing 4 times settles in about 5 s. */
  visibilityTimeoutSeconds?: number;
  /** Which functions to start before the tests, a few at a time. Default all. */
  warm?: (functionName: string) => boolean;
  /** First retry delay of the pipe and stream mappings (doubling); default the test cloud's. */
  retryBaseDelayMs?: number;
}

/**
 * One local cloud per test file running the ecommerce app under its own name (so files run in
 * parallel on the shared DynamoDB Local), with short visibility timeouts so retries settle in seconds.
 */
export async function startEcommerce(name: string, paymentGateway: PaymentGatewaySettings, options: StartEcommerceOptions = {}): Promise<EcommerceCloud> {
  // Workers log dropped duplicates and failed payments at warn; functions read LOG_LEVEL at start.
  vi.stubEnv('LOG_LEVEL', 'error');
  const cloud = await startTestCloud({
    apps: [ecommerceApp({ name, paymentGateway })],
    queueOverrides: { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 1 },
    ...(options.retryBaseDelayMs !== undefined && { retryBaseDelayMs: options.retryBaseDelayMs }),
  });
  await warmUp(cloud, options.warm ?? (() => true));
  return {
    cloud,
    api: ecommerceClient({
      INVENTORY_API_BASE_URL: cloud.apiUrl(name, 'inventory'),
      ORDERS_API_BASE_URL: cloud.apiUrl(name, 'orders'),
      PAYMENTS_API_BASE_URL: cloud.apiUrl(name, 'payments'),
      TESTING_API_BASE_URL: cloud.apiUrl(name, 'testing'),
    }),
    stop: async () => {
      await cloud.stop();
      vi.unstubAllEnvs();
    },
  };
}

/**
 * Cold-starts the functions a few at a time with `{}` (an API answers 400, a worker gets no
 * records: no side effect). Otherwise the first saga pays a dozen cold starts one after the other,
 * and a burst of requests starts many sandboxes at once, which on a small machine can outlast the
 * 10 s init limit.
 */
async function warmUp(cloud: LocalCloud, selected: (functionName: string) => boolean): Promise<void> {
  const { runner } = cloud.services;
  const pending = runner.list().filter(selected);
  const lane = async () => {
    for (let name = pending.shift(); name !== undefined; name = pending.shift()) await runner.invoke(name, {});
  };
  await Promise.all([lane(), lane(), lane()]);
}

/**
 * Waits until the raw event stored under `key` went through the pipe to the bus, and then every
 * queue and function is idle: the workers it reached have finished with it. Only for events whose
 * handling publishes nothing further (ignored, stale, duplicate), since a published event would
 * still be on its way through the stream.
 */
export async function waitUntilHandled(cloud: LocalCloud, key: { pk: string; sk: string }): Promise<void> {
  const { sqs, runner, eventBridge } = cloud.services;
  const onBus = () =>
    eventBridge.recentEvents().some(({ event }) => {
      const image = (event.detail as { dynamodb?: { NewImage?: Record<string, { S?: string }> } }).dynamodb?.NewImage;
      return image?.pk?.S === key.pk && image?.sk?.S === key.sk;
    });
  const idle = () =>
    sqs.listQueues().every((queue) => {
      const { visible, inFlight, delayed } = sqs.stats(queue);
      return queue.endsWith('Dlq') || visible + inFlight + delayed === 0;
    }) && runner.list().every((fn) => runner.stats(fn).running === 0);
  await waitFor(() => onBus() && idle(), { timeoutMs: 15_000, intervalMs: 50, description: `${key.pk} ${key.sk} handled` });
}

/** The raw attributes stored under `key` in the app's table (to see what an API wrote that no list shows). */
export async function storedItem(cloud: LocalCloud, app: string, key: { pk: string; sk: string }): Promise<Record<string, AttributeValue> | undefined> {
  const { Item } = await cloud.services.dynamodb.send(new GetItemCommand({ TableName: `${app}-store`, Key: { pk: { S: key.pk }, sk: { S: key.sk } }, ConsistentRead: true }));
  return Item;
}

/** Brings `count` sandboxes of one function up, adding at most 3 cold starts at a time (as warmUp). */
export async function warmSandboxes(cloud: LocalCloud, functionName: string, count: number): Promise<void> {
  for (let running = 1; running < count; running = Math.min(count, running + 3)) {
    const next = Math.min(count, running + 3);
    await Promise.all(Array.from({ length: next }, () => cloud.services.runner.invoke(functionName, {})));
  }
}
