import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { SettleTimeoutError } from '../../src/local-cloud/settle/errors.ts';
import { createKinesisClient } from '../../src/platform/kinesis.ts';
import { kinesisApp } from '../fixtures/apps/kinesis-app.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';
import { idsOf, invocations, putJson } from '../kinesis/support.ts';

const eventsDir = mkdtempSync(join(tmpdir(), 'eventloom-settle-kinesis-'));
// A batching window holds records read but not yet handed over (nor checkpointed) for a second.
const apps = [
  kinesisApp('ksettle', eventsDir, { windowed: { startingPosition: 'TRIM_HORIZON', maximumBatchingWindowInSeconds: 1 } }),
  kinesisApp('kpoison', eventsDir, { poisoned: { startingPosition: 'TRIM_HORIZON' } }),
];

let cloud: LocalCloud;
let client: KinesisClient;

beforeAll(async () => {
  cloud = await startTestCloud({ apps });
  client = createKinesisClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
});

afterAll(async () => {
  client?.destroy();
  await cloud?.stop();
  rmSync(eventsDir, { recursive: true, force: true });
});

describe('settled() with Kinesis event source mappings', () => {
  it('waits for records held in a batching window: once settled, every record was handled', async () => {
    await putJson(client, 'ksettle-events', [['a', { id: 'r1' }], ['a', { id: 'r2' }], ['a', { id: 'r3' }]]);

    await cloud.settled({ timeoutMs: 20_000 });

    expect(idsOf(invocations(eventsDir, 'windowed')).flat()).toEqual(['r1', 'r2', 'r3']);
  });

  it('names a stream whose consumer keeps failing (retried until the record expires)', async () => {
    await putJson(client, 'kpoison-events', [['p', { id: 'p1', mode: 'throw' }]]);

    const error = await waitFor(
      async () => {
        const failure = await cloud.settled({ timeoutMs: 100 }).then(() => undefined, (e: unknown) => e);
        expect(failure).toBeInstanceOf(SettleTimeoutError);
        expect((failure as SettleTimeoutError).busy).toContain('stream kpoison-events (function kpoison-poisoned): unread records');
        return failure as SettleTimeoutError;
      },
      { timeoutMs: 20_000, description: 'settled() to name the failing consumer' },
    );

    expect(error.message).toContain('stream kpoison-events (function kpoison-poisoned): unread records');
    expect(error.busy.some((line) => line.startsWith('stream ksettle-events'))).toBe(false);
  });
});
