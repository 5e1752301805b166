import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppDef } from '../../src/platform/topology/types.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

// An asynchronous invocation still in the outbox when the cloud stops runs after the restart with its
// function's EventInvokeConfig: the cloud holds the outbox until every stack is deployed.
const failing = `${fileURLToPath(new URL('../fixtures/functions/always-fail.ts', import.meta.url))}#handler`;
const app: AppDef = {
  name: 'asyncrestart',
  queues: { failures: {} },
  functions: { impatient: { handler: failing, onAsyncFailureQueue: 'failures', maximumAsyncRetryAttempts: 0 } },
};
const dir = mkdtempSync(join(tmpdir(), 'eventloom-async-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('asynchronous invocations across a restart', () => {
  it('run with the function\'s settings, applied before the outbox drains', async () => {
    const first = await startTestCloud({ apps: [app], dataDir: dir });
    // Stop delivering, so the invocation stays in the outbox when the cloud stops.
    first.services.dispatcher.close();
    const lambda = new LambdaClient({ endpoint: first.url, region: 'us-east-1', credentials: testCredentials, maxAttempts: 1 });
    await lambda.send(new InvokeCommand({ FunctionName: 'asyncrestart-impatient', InvocationType: 'Event', Payload: new TextEncoder().encode('{"n":1}') }));
    lambda.destroy();
    const pendingAtStop = first.services.dispatcher.pendingCount();
    await first.stop();

    const second = await startTestCloud({ apps: [app], dataDir: dir });
    try {
      const [message] = await waitFor(async () => {
        const messages = await second.services.sqs.receiveMessages('asyncrestart-failures', { waitTimeSeconds: 0 });
        return messages.length > 0 ? messages : false;
      }, { timeoutMs: 10_000, description: 'the failure record after the restart' });

      expect(pendingAtStop).toBe(1);
      // MaximumRetryAttempts 0: one invocation, not Lambda's default three.
      expect(JSON.parse(message!.body)).toMatchObject({ requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 1 }, requestPayload: { n: 1 } });
    } finally {
      await second.stop();
    }
  });
});
