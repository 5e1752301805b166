import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.ts';
import { DynamoDbLocalError } from './errors.ts';
import { startDynamoDbLocal } from './process.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const childScript = join(repoRoot, 'test/support/dynamodb-child.ts');

function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** Running, not a zombie waiting for a reaper (containers often lack one). */
function isRunning(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

describe('startDynamoDbLocal', () => {
  it('keeps tables in a data directory across a stop and start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'eventloom-ddb-'));
    try {
      const first = await startDynamoDbLocal({ dataDir });
      const firstClient = clientFor(first.endpoint);
      try {
        await firstClient.send(
          new CreateTableCommand({
            TableName: 'survivor',
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
      } finally {
        firstClient.destroy();
        await first.stop();
      }

      const second = await startDynamoDbLocal({ dataDir });
      const secondClient = clientFor(second.endpoint);
      try {
        const { TableNames } = await secondClient.send(new ListTablesCommand({}));
        expect(TableNames).toContain('survivor');
      } finally {
        secondClient.destroy();
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says how to install Java when the java command cannot be run', async () => {
    const start = startDynamoDbLocal({ javaCommand: '/nonexistent/java' });

    await expect(start).rejects.toBeInstanceOf(DynamoDbLocalError);
    await expect(start).rejects.toThrow(/Java 17.*install/i);
  });

  it.skipIf(process.platform !== 'linux')('takes the JVM down when its Node parent is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let jvmPid: number | undefined;
    try {
      const [line] = await Promise.race([
        createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((next) => [String(next.value)]),
        new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`child exited early (${code})`)))),
      ]);
      jvmPid = (JSON.parse(line ?? '{}') as { pid: number }).pid;
      expect(isRunning(jvmPid)).toBe(true);

      child.kill('SIGKILL');

      const pid = jvmPid;
      await waitFor(() => !isRunning(pid), { timeoutMs: 10_000, description: `JVM ${pid} to exit` });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (jvmPid !== undefined && isRunning(jvmPid)) process.kill(jvmPid, 'SIGKILL');
    }
  });
});
