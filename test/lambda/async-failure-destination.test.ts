import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import type { AppDef } from '../../src/platform/topology/types.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';
import { s3Client } from '../s3/support.ts';

// A function's onAsyncFailureQueue receives AWS's destination record once Lambda's async retries are exhausted.
const failing = `${fileURLToPath(new URL('../fixtures/functions/always-fail.ts', import.meta.url))}#handler`;
const app: AppDef = {
  name: 'asyncfail',
  buckets: { uploads: {} },
  queues: { failures: {}, 'impatient-failures': {}, 'rule-dlq': {} },
  buses: { bus: {} },
  rules: { pings: { bus: 'bus', eventPattern: { source: ['asyncfail.test'] }, targets: [{ function: 'impatient', deadLetterQueue: 'rule-dlq' }] } },
  functions: {
    analyzer: { handler: failing, onAsyncFailureQueue: 'failures', triggers: [{ type: 's3', bucket: 'uploads', prefix: 'in/' }] },
    impatient: { handler: failing, onAsyncFailureQueue: 'impatient-failures', maximumAsyncRetryAttempts: 0 },
  },
};

interface DestinationRecord {
  version: string;
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: string; approximateInvokeCount: number };
  requestPayload: unknown;
  responseContext: { statusCode: number; executedVersion: string; functionError: string };
  responsePayload: { errorType: string; errorMessage: string };
}

let cloud: LocalCloud;
let s3: S3Client;
let sqs: SQSClient;
let lambda: LambdaClient;
let events: EventBridgeClient;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [app] });
  const config = { endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials };
  s3 = s3Client(cloud.url);
  sqs = new SQSClient(config);
  lambda = new LambdaClient({ ...config, maxAttempts: 1 });
  events = new EventBridgeClient(config);
});

afterAll(async () => {
  s3?.destroy();
  sqs?.destroy();
  lambda?.destroy();
  events?.destroy();
  await cloud?.stop();
});

/** Waits for the one destination record in the queue and deletes it. */
async function receiveRecord(queue: string): Promise<DestinationRecord> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: `asyncfail-${queue}` }));
  const message = await waitFor(
    async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }))).Messages?.[0] ?? false,
    { timeoutMs: 10_000, description: `a destination record in ${queue}` },
  );
  await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
  return JSON.parse(message.Body!) as DestinationRecord;
}

describe('asynchronous invocation failure destination', () => {
  it('sends the destination record of an S3-notified invocation after the two retries', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'asyncfail-uploads', Key: 'in/scan.jpg', Body: 'image' }));

    const record = await receiveRecord('failures');

    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      requestContext: {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        functionArn: `${cloud.services.runner.functionArn('asyncfail-analyzer')}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { Records: [expect.objectContaining({ eventSource: 'aws:s3', s3: expect.objectContaining({ object: expect.objectContaining({ key: 'in/scan.jpg' }) }) })] },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: expect.objectContaining({ errorType: 'AnalysisFailedError', errorMessage: 'cannot analyze this upload' }),
    });
  });

  it('honours maximumAsyncRetryAttempts for an Event invocation', async () => {
    const payload = { prescriptionId: 'rx-1' };

    const output = await lambda.send(new InvokeCommand({ FunctionName: 'asyncfail-impatient', InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(payload)) }));
    const record = await receiveRecord('impatient-failures');

    expect(output.StatusCode).toBe(202);
    expect(record.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 1 });
    expect(record.requestPayload).toEqual(payload);
    expect(record.responsePayload).toMatchObject({ errorType: 'AnalysisFailedError' });
  });

  it('applies to a rule target invoking the function: its errors go to the function destination, not the target DLQ', async () => {
    await events.send(new PutEventsCommand({ Entries: [{ EventBusName: 'asyncfail-bus', Source: 'asyncfail.test', DetailType: 'Ping', Detail: '{"n":1}' }] }));

    const record = await receiveRecord('impatient-failures');

    expect(record.requestPayload).toMatchObject({ source: 'asyncfail.test', 'detail-type': 'Ping', detail: { n: 1 } });
    expect(record.requestContext.approximateInvokeCount).toBe(1);
    expect(cloud.services.sqs.getQueueAttributes('asyncfail-rule-dlq', ['ApproximateNumberOfMessages'])).toMatchObject({ ApproximateNumberOfMessages: '0' });
  });
});
