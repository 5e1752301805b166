import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPool } from '../../bench/stats.ts';
import { isAlive, startCloudProcess, type CloudProcess } from '../support/cloud-process.ts';
import { countItems, markerKeys, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';
import { commandOf } from '../support/process-tree.ts';

const ITEMS = 400;
const APP = 'crashtest';

describe('crash safety: kill -9 mid-flow, restart on the same data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventloom-crash-'));
  const envFile = join(dataDir, '.env');
  const args = ['--port', '0', '--data-dir', join(dataDir, 'data'), '--apps', 'test/fixtures/apps/pipeline-app.ts'];
  const started: CloudProcess[] = [];

  afterAll(() => {
    for (const cloud of started) {
      for (const pid of [cloud.child.pid!, ...cloud.childPids()]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('handles every event written before the kill at least once, and leaves no JVM behind', { timeout: 240_000 }, async () => {
    const first = await startCloudProcess(args, envFile);
    started.push(first);
    const jvms = first.childPids();
    expect(jvms.length).toBeGreaterThan(0);
    const ddb = new DynamoDBClient({ endpoint: first.env.AWS_ENDPOINT_URL_DYNAMODB, region: 'us-east-1', credentials: testCredentials, maxAttempts: 1 });

    const acknowledged: string[] = [];
    let killed = false;
    const writing = runPool(ITEMS, 4, async (i) => {
      if (killed) return;
      try {
        await ddb.send(new PutItemCommand({ TableName: `${APP}-items`, Item: { pk: { S: `crash-${i}` }, kind: { S: 'work' } } }));
        acknowledged.push(`worker#crash-${i}`);
      } catch {
        // the write raced the kill: not acknowledged, so not promised
      }
    });
    await waitFor(async () => (await countItems(ddb, `${APP}-markers`, 'worker#')) >= 5, { timeoutMs: 30_000, description: 'some events handled' });
    first.child.kill('SIGKILL');
    killed = true;
    await writing;
    ddb.destroy();
    await waitFor(() => jvms.every((pid) => !isAlive(pid)), { timeoutMs: 10_000, description: 'the JVM to die with its parent' });

    const second = await startCloudProcess(args, envFile);
    started.push(second);
    const ddbAfter = new DynamoDBClient({ endpoint: second.env.AWS_ENDPOINT_URL_DYNAMODB, region: 'us-east-1', credentials: testCredentials });
    const missing = await waitFor(
      async () => {
        const handled = new Set(await markerKeys(ddbAfter, `${APP}-markers`));
        const notYet = acknowledged.filter((key) => !handled.has(key));
        return notYet.length === 0 ? notYet : false;
      },
      { timeoutMs: 60_000, intervalMs: 250, description: 'every acknowledged write handled after the restart' },
    );
    ddbAfter.destroy();
    expect(missing).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);

    const secondJvms = second.childPids();
    second.child.kill('SIGTERM');
    await waitFor(() => second.child.exitCode !== null, { timeoutMs: 15_000, description: 'a clean stop on SIGTERM' });
    expect(second.child.exitCode).toBe(0);
    expect(secondJvms.filter(isAlive).map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]);
  });
});
