import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { deployStack, type DeployedStack } from '../../src/local-cloud/deploy/deploy-stack.ts';
import { arn } from '../../src/local-cloud/identity.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { fixtureFunction, handBuiltStack } from '../support/stack-source.ts';
import { waitFor } from '../support/wait-for.ts';

// A function's EventInvokeConfig (OnSuccess / OnFailure to SQS, Lambda or a bus) and DeadLetterConfig, from a hand-built stack.
const dir = mkdtempSync(join(tmpdir(), 'eventloom-destinations-'));
const recorded = join(dir, 'records.jsonl');
const queueArn = (name: string) => arn('sqs', name);
const stack = handBuiltStack('dest', {
  storage: { queues: [{ name: 'dest-success', attributes: {} }, { name: 'dest-bus-events', attributes: {} }, { name: 'dest-dlq', attributes: {} }], buses: ['dest-bus'] },
  compute: () => ({
    functions: [
      fixtureFunction('dest-ok', 'fail.ts', 'syncHandler', { onAsyncSuccessArn: queueArn('dest-success'), onAsyncFailureArn: queueArn('dest-dlq') }),
      fixtureFunction('dest-to-bus', 'always-fail.ts', 'handler', { maximumAsyncRetryAttempts: 0, onAsyncFailureArn: arn('events', 'event-bus/dest-bus') }),
      fixtureFunction('dest-to-fn', 'always-fail.ts', 'handler', { maximumAsyncRetryAttempts: 0, onAsyncFailureArn: arn('lambda', 'function:dest-recorder') }),
      fixtureFunction('dest-dead', 'always-fail.ts', 'handler', { maximumAsyncRetryAttempts: 1, maximumAsyncEventAgeSeconds: 3_600, deadLetterArn: queueArn('dest-dlq') }),
      fixtureFunction('dest-recorder', 'eventbridge-recorder.ts', 'handler', { environment: { EVENTS_FILE: recorded } }),
    ],
    rules: [{ name: 'dest-results', busName: 'dest-bus', eventPattern: { source: ['lambda'] }, enabled: true, targets: [{ id: 'q', arn: queueArn('dest-bus-events') }] }],
  }),
});

let cloud: LocalCloud;
let deployed: DeployedStack;
let lambda: LambdaClient;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [] });
  deployed = await deployStack(stack, cloud.services);
  lambda = new LambdaClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials, maxAttempts: 1 });
});

afterAll(async () => {
  lambda?.destroy();
  await deployed?.stop();
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function invokeAsync(functionName: string, payload: unknown): Promise<void> {
  const output = await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(payload)) }));
  expect(output.StatusCode).toBe(202);
}

async function receiveOne(queue: string) {
  const [message] = await waitFor(async () => {
    const messages = await cloud.services.sqs.receiveMessages(queue, { waitTimeSeconds: 0 });
    return messages.length > 0 ? messages : false;
  }, { timeoutMs: 10_000, description: `a message in ${queue}` });
  return message!;
}

const functionArn = (name: string) => `${arn('lambda', `function:${name}`)}:$LATEST`;

describe('asynchronous invocation destinations', () => {
  it('sends the success record to an SQS OnSuccess destination', async () => {
    await invokeAsync('dest-ok', { n: 21 });

    const record = JSON.parse((await receiveOne('dest-success')).body);

    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requestContext: { requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), functionArn: functionArn('dest-ok'), condition: 'Success', approximateInvokeCount: 1 },
      requestPayload: { n: 21 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { doubled: 42 },
    });
  });

  it('puts the failure record on an event bus as source lambda, detail-type "Lambda Function Invocation Result - Failure"', async () => {
    await invokeAsync('dest-to-bus', { order: 'o-1' });

    const event = JSON.parse((await receiveOne('dest-bus-events')).body);

    expect(event).toMatchObject({
      source: 'lambda',
      'detail-type': 'Lambda Function Invocation Result - Failure',
      resources: [arn('events', 'event-bus/dest-bus'), functionArn('dest-to-bus')],
      detail: {
        requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 1, functionArn: functionArn('dest-to-bus') },
        requestPayload: { order: 'o-1' },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorType: 'AnalysisFailedError', errorMessage: 'cannot analyze this upload' },
      },
    });
  });

  it('invokes a Lambda OnFailure destination asynchronously with the record', async () => {
    await invokeAsync('dest-to-fn', { order: 'o-2' });

    const record = await waitFor(() => (existsSync(recorded) ? (JSON.parse(readFileSync(recorded, 'utf8').trim().split('\n')[0]!) as Record<string, unknown>) : false), {
      timeoutMs: 10_000,
      description: 'the destination invocation',
    });

    expect(record).toMatchObject({ requestContext: { condition: 'RetriesExhausted', functionArn: functionArn('dest-to-fn') }, requestPayload: { order: 'o-2' } });
  });

  it('sends the original event to the function\'s dead-letter queue after the retries, with AWS\'s attributes', async () => {
    await invokeAsync('dest-dead', { order: 'o-3' });

    const message = await receiveOne('dest-dlq');

    expect(JSON.parse(message.body)).toEqual({ order: 'o-3' });
    expect(message.messageAttributes).toEqual({
      RequestID: { DataType: 'String', StringValue: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: { DataType: 'String', StringValue: 'AnalysisFailedError: cannot analyze this upload' },
    });
    expect(cloud.services.runner.stats('dest-dead').invocations).toBe(2);
  });

  it('refuses an EventInvokeConfig outside AWS\'s ranges, naming the function', async () => {
    const bad = handBuiltStack('bad', { compute: () => ({ functions: [fixtureFunction('bad-retries', 'always-fail.ts', 'handler', { maximumAsyncRetryAttempts: 3 })] }) });

    await expect(deployStack(bad, cloud.services)).rejects.toThrow('Function bad-retries: MaximumRetryAttempts must be a whole number from 0 to 2, got 3.');
  });
});
