import { fileURLToPath } from 'node:url';
import { InvokeCommand, LambdaClient, ResourceNotFoundException, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleInvoke } from '../../src/local-cloud/lambda/invoke-api.ts';
import { FunctionRunner, type FunctionConfig } from '../../src/local-cloud/lambda/runner/index.ts';
import { listen, type RunningServer } from '../../src/local-cloud/protocol/server.ts';

// Lambda Invoke through the real @aws-sdk/client-lambda against the local endpoint.
const fixture = (file: string) => fileURLToPath(new URL(`../fixtures/functions/${file}`, import.meta.url));
const runner = new FunctionRunner({ output: () => {} });
let server: RunningServer;
let lambda: LambdaClient;

function register(name: string, file: string, overrides: Partial<FunctionConfig> = {}): void {
  runner.register({ name, modulePath: fixture(file), exportName: 'handler', environment: {}, timeoutSeconds: 3, memoryMb: 128, ...overrides });
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decode = (payload: Uint8Array | undefined): unknown => JSON.parse(new TextDecoder().decode(payload));

beforeAll(async () => {
  register('orders-echo', 'echo.ts', { environment: { TABLE_NAME: 'orders' } });
  register('payments-echo', 'echo.ts', { environment: { TABLE_NAME: 'payments' } });
  register('counter', 'counter.ts');
  register('slow', 'sleep.ts', { timeoutSeconds: 1 });
  register('fail', 'fail.ts');
  register('single', 'sleep.ts', { reservedConcurrency: 1 });
  const app = new Hono();
  app.post('/2015-03-31/functions/:name/invocations', (c) => handleInvoke(runner, c.req.param('name'), c.req.raw));
  server = await listen(app);
  lambda = new LambdaClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
});

afterAll(async () => {
  lambda?.destroy();
  await server?.close();
  await runner.close();
});

describe('Lambda Invoke', () => {
  it('round-trips the payload (RequestResponse)', async () => {
    const output = await lambda.send(new InvokeCommand({ FunctionName: 'orders-echo', Payload: encode({ orderId: 'o-1', items: [1, 2] }) }));

    expect(output.StatusCode).toBe(200);
    expect(output.ExecutedVersion).toBe('$LATEST');
    expect(output.FunctionError).toBeUndefined();
    expect(decode(output.Payload)).toMatchObject({ event: { orderId: 'o-1', items: [1, 2] }, functionName: 'orders-echo' });
  });

  it('accepts the function ARN as FunctionName', async () => {
    const output = await lambda.send(new InvokeCommand({ FunctionName: runner.functionArn('orders-echo'), Payload: encode({}) }));

    expect(decode(output.Payload)).toMatchObject({ functionName: 'orders-echo' });
  });

  it('isolates the environment of two functions loading the same module', async () => {
    const [orders, payments] = await Promise.all([
      lambda.send(new InvokeCommand({ FunctionName: 'orders-echo' })),
      lambda.send(new InvokeCommand({ FunctionName: 'payments-echo' })),
    ]);

    expect(decode(orders.Payload)).toMatchObject({ tableName: 'orders' });
    expect(decode(payments.Payload)).toMatchObject({ tableName: 'payments' });
  });

  it('reuses warm module state across invocations', async () => {
    const counts: unknown[] = [];
    for (let i = 0; i < 3; i++) counts.push(decode((await lambda.send(new InvokeCommand({ FunctionName: 'counter' }))).Payload));

    expect(counts).toEqual([{ count: 1 }, { count: 2 }, { count: 3 }]);
  });

  it('times out with Sandbox.Timedout, and the next invocation runs in a new worker', async () => {
    const timedOut = await lambda.send(new InvokeCommand({ FunctionName: 'slow', Payload: encode({ ms: 3000 }) }));
    const next = await lambda.send(new InvokeCommand({ FunctionName: 'slow', Payload: encode({ ms: 10 }) }));

    expect(timedOut.StatusCode).toBe(200);
    expect(timedOut.FunctionError).toBe('Unhandled');
    expect(decode(timedOut.Payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/),
    });
    expect(next.FunctionError).toBeUndefined();
    expect(runner.stats('slow')).toMatchObject({ invocations: 2, timeouts: 1, warmWorkers: 1 });
  });

  it('reports a thrown error as FunctionError Unhandled with errorType and errorMessage', async () => {
    const output = await lambda.send(new InvokeCommand({ FunctionName: 'fail', Payload: encode({ mode: 'throw' }) }));

    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBe('Unhandled');
    expect(decode(output.Payload)).toMatchObject({ errorType: 'OrderRejectedError', errorMessage: 'out of stock', trace: expect.any(Array) });
  });

  it('runs concurrent invocations of a function with reserved concurrency 1 one after the other', async () => {
    const [first, second] = await Promise.all([runner.invoke('single', { ms: 300 }), runner.invoke('single', { ms: 300 })]);

    const a = first.ok ? (first.payload as { startedAt: number; endedAt: number }) : undefined;
    const b = second.ok ? (second.payload as { startedAt: number; endedAt: number }) : undefined;
    expect(a && b && b.startedAt).toBeGreaterThanOrEqual(a?.endedAt ?? Infinity);
  });

  it('throttles a synchronous Invoke when every slot is busy', async () => {
    const busy = runner.invoke('single', { ms: 500 });
    await expect.poll(() => runner.stats('single').running).toBe(1);

    const rejected = await lambda.send(new InvokeCommand({ FunctionName: 'single', Payload: encode({ ms: 1 }) })).catch((error: unknown) => error);

    expect(rejected).toBeInstanceOf(TooManyRequestsException);
    expect(rejected).toMatchObject({ $metadata: { httpStatusCode: 429 }, Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    await busy;
    expect(runner.stats('single').throttles).toBe(1);
  });

  it('accepts an Event invocation with 202 and runs it in the background', async () => {
    const before = runner.stats('counter').invocations;

    const output = await lambda.send(new InvokeCommand({ FunctionName: 'counter', InvocationType: 'Event' }));

    expect(output.StatusCode).toBe(202);
    await expect.poll(() => runner.stats('counter').invocations).toBe(before + 1);
  });

  it('answers a DryRun with 204 without invoking', async () => {
    const before = runner.stats('counter').invocations;

    const output = await lambda.send(new InvokeCommand({ FunctionName: 'counter', InvocationType: 'DryRun' }));

    expect(output.StatusCode).toBe(204);
    expect(runner.stats('counter').invocations).toBe(before);
  });

  it('rejects an unknown function with ResourceNotFoundException', async () => {
    const error = await lambda.send(new InvokeCommand({ FunctionName: 'nope' })).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ message: `Function not found: ${runner.functionArn('nope')}`, Type: 'User', $metadata: { httpStatusCode: 404 } });
  });

  it('rejects a payload that is not JSON with InvalidRequestContentException', async () => {
    const error = await lambda.send(new InvokeCommand({ FunctionName: 'counter', Payload: new TextEncoder().encode('{not json') })).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'InvalidRequestContentException', $metadata: { httpStatusCode: 400 } });
  });
});
