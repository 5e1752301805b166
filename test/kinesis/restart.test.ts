import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { createKinesisClient } from '../../src/platform/kinesis.ts';
import { kinesisApp } from '../fixtures/apps/kinesis-app.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { eventually, idsOf, invocations, putJson } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'eventloom-kinesis-restart-'));
const dataDir = join(dir, 'data');
const eventsDir = join(dir, 'events');
mkdirSync(eventsDir);
let cloud: LocalCloud | undefined;

afterAll(async () => {
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(mappings: Parameters<typeof kinesisApp>[2]) {
  cloud = await startTestCloud({ apps: [kinesisApp('krst', eventsDir, mappings, { shardCount: 2 })], dataDir });
  const client = createKinesisClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
  return {
    put: (ids: string[]) => putJson(client, 'krst-events', ids.map((id) => [id, { id }] as const)),
    stop: async () => {
      client.destroy();
      await cloud!.stop();
      cloud = undefined;
    },
  };
}

describe('Kinesis mapping across a restart with the same data directory', () => {
  it('keeps records and checkpoints; a new LATEST mapping starts at the end, a new TRIM_HORIZON one at the start', async () => {
    const first = await start({ kept: { startingPosition: 'TRIM_HORIZON' } });
    await first.put(['p1', 'p2', 'p3']);
    await eventually(() => invocations(eventsDir, 'kept').flat().length === 3, 'the first records');
    await first.stop();
    const deliveredBefore = invocations(eventsDir, 'kept').length;

    const second = await start({
      kept: { startingPosition: 'TRIM_HORIZON' },
      latest: { startingPosition: 'LATEST' },
      horizon: { startingPosition: 'TRIM_HORIZON' },
    });
    await second.put(['p4']);
    await eventually(() => invocations(eventsDir, 'horizon').flat().length === 4 && invocations(eventsDir, 'latest').flat().length === 1, 'p4 everywhere');
    await eventually(() => idsOf(invocations(eventsDir, 'kept')).flat().includes('p4'), 'p4 for the restarted mapping');
    await second.stop();

    expect(idsOf(invocations(eventsDir, 'kept').slice(deliveredBefore)).flat()).toEqual(['p4']);
    expect(idsOf(invocations(eventsDir, 'latest')).flat()).toEqual(['p4']);
    expect(idsOf(invocations(eventsDir, 'horizon')).flat().sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});
