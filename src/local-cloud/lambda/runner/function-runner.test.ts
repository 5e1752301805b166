import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FunctionRunner } from './function-runner.ts';
import type { FunctionConfig } from './types.ts';

const fixture = (file: string) => fileURLToPath(new URL(`../../../../test/fixtures/functions/${file}`, import.meta.url));
const lines: string[] = [];
const runner = new FunctionRunner({ output: (name, stream, line) => lines.push(`${name} ${stream} ${line}`) });

function register(name: string, file: string, overrides: Partial<FunctionConfig> = {}): void {
  runner.register({ name, modulePath: fixture(file), exportName: 'handler', environment: {}, timeoutSeconds: 2, memoryMb: 256, ...overrides });
}

register('echo', 'echo.ts', { environment: { TABLE_NAME: 'orders' } });
register('fail', 'fail.ts');
register('callback', 'fail.ts', { exportName: 'callbackHandler' });
register('sync', 'fail.ts', { exportName: 'syncHandler' });
register('noisy', 'fail.ts', { exportName: 'noisyHandler' });
register('missing-export', 'fail.ts', { exportName: 'nope' });
register('missing-module', 'does-not-exist.ts');
register('init-error', 'init-error.ts');
register('disabled', 'noop.ts', { reservedConcurrency: 0 });

afterAll(() => runner.close());

describe('FunctionRunner', () => {
  it('passes the event, its environment and a Lambda context; the second call is warm', async () => {
    const cold = await runner.invoke('echo', { orderId: 'o-1' });
    const warm = await runner.invoke('echo', { orderId: 'o-2' });

    expect(cold).toMatchObject({ ok: true, coldStart: true });
    expect(warm).toMatchObject({ ok: true, coldStart: false });
    expect(warm.ok && warm.payload).toMatchObject({
      event: { orderId: 'o-2' },
      tableName: 'orders',
      functionName: 'echo',
      memorySize: '256',
      context: {
        functionName: 'echo',
        functionVersion: '$LATEST',
        invokedFunctionArn: runner.functionArn('echo'),
        memoryLimitInMB: '256',
        logGroupName: '/aws/lambda/echo',
        logStreamName: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/),
      },
    });
    const remainingMs = warm.ok ? (warm.payload as { context: { remainingMs: number } }).context.remainingMs : 0;
    expect(remainingMs).toBeGreaterThan(1000);
    expect(remainingMs).toBeLessThanOrEqual(2000);
  });

  it('reports a thrown error as AWS does', async () => {
    const result = await runner.invoke('fail', { mode: 'throw' });

    expect(result).toMatchObject({ ok: false, timedOut: false, error: { errorType: 'OrderRejectedError', errorMessage: 'out of stock' } });
    expect(!result.ok && result.error.trace?.[0]).toBe('OrderRejectedError: out of stock');
  });

  it('reports a thrown non-Error by its type', async () => {
    const result = await runner.invoke('fail', { mode: 'throw-string' });

    expect(result).toMatchObject({ ok: false, error: { errorType: 'string', errorMessage: 'plain string' } });
  });

  it('replaces a worker that crashed with an uncaught exception, an unhandled rejection or process.exit', async () => {
    const uncaught = await runner.invoke('fail', { mode: 'uncaught' });
    const rejection = await runner.invoke('fail', { mode: 'rejection' });
    const exit = await runner.invoke('fail', { mode: 'exit' });
    const after = await runner.invoke('fail', { mode: 'fine' });

    expect(uncaught).toMatchObject({ ok: false, error: { errorType: 'TypeError', errorMessage: 'escaped the handler' } });
    expect(rejection).toMatchObject({ ok: false, error: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'RangeError: nobody awaited me' } });
    expect(exit).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: expect.stringContaining('exit status 3') } });
    expect(after).toMatchObject({ ok: true, coldStart: true, payload: { mode: 'fine' } });
  });

  it('fails an invocation whose result is not JSON-serializable', async () => {
    const result = await runner.invoke('fail', { mode: 'circular' });

    expect(result).toMatchObject({ ok: false, error: { errorType: 'TypeError' } });
  });

  it('supports callback-style and synchronous handlers', async () => {
    expect(await runner.invoke('callback', {})).toMatchObject({ ok: true, payload: { via: 'callback' } });
    expect(await runner.invoke('callback', { fail: true })).toMatchObject({ ok: false, error: { errorMessage: 'callback failure' } });
    expect(await runner.invoke('sync', { n: 21 })).toMatchObject({ ok: true, payload: { doubled: 42 } });
  });

  it('forwards handler output line by line, tagged with the function name', async () => {
    await runner.invoke('noisy', {});
    await expect.poll(() => lines).toEqual(expect.arrayContaining(['noisy stdout hello from the handler', 'noisy stderr and from stderr']));
  });

  it('fails init errors the way the Node.js runtime names them', async () => {
    expect(await runner.invoke('missing-export', {})).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.HandlerNotFound', errorMessage: 'fail.nope is undefined or not exported' },
    });
    expect(await runner.invoke('missing-module', {})).toMatchObject({ ok: false, error: { errorType: 'Runtime.ImportModuleError' } });
    expect(await runner.invoke('init-error', {})).toMatchObject({ ok: false, error: { errorMessage: 'missing configuration at load time' } });
    expect(runner.stats('init-error')).toMatchObject({ invocations: 1, errors: 1, warmWorkers: 0 });
  });

  it('throttles every invocation of a function with reserved concurrency 0', async () => {
    await expect(runner.invoke('disabled', {})).rejects.toMatchObject({ code: 'TooManyRequestsException', statusCode: 429 });
    expect(runner.stats('disabled').throttles).toBe(1);
  });

  it('rejects an unknown function with ResourceNotFoundException', async () => {
    await expect(runner.invoke('nope', {})).rejects.toMatchObject({ code: 'ResourceNotFoundException', statusCode: 404 });
    expect(() => runner.stats('nope')).toThrow(/Function not found: arn:aws:lambda:.*:function:nope/);
  });

  it('validates the configuration', () => {
    expect(() => register('bad name!', 'noop.ts')).toThrow(/name/);
    expect(() => runner.register({ name: 'rel', modulePath: 'noop.ts', exportName: 'handler', environment: {}, timeoutSeconds: 3, memoryMb: 128 })).toThrow(/absolute/);
    expect(() => register('slow', 'noop.ts', { timeoutSeconds: 901 })).toThrow(/timeoutSeconds/);
  });
});

describe('FunctionRunner lifecycle', () => {
  it('terminates workers idle longer than idleWorkerTtlMs', async () => {
    const shortLived = new FunctionRunner({ idleWorkerTtlMs: 50 });
    shortLived.register({ name: 'noop', modulePath: fixture('noop.ts'), exportName: 'handler', environment: {}, timeoutSeconds: 3, memoryMb: 128 });
    try {
      await shortLived.invoke('noop', {});
      expect(shortLived.stats('noop').warmWorkers).toBe(1);

      await expect.poll(() => shortLived.stats('noop').warmWorkers, { timeout: 2000 }).toBe(0);
      expect(await shortLived.invoke('noop', {})).toMatchObject({ ok: true, coldStart: true });
    } finally {
      await shortLived.close();
    }
  });

  it("ends a burst's extra sandboxes after spareWorkerTtlMs, keeping the last used one warm", async () => {
    const scaling = new FunctionRunner({ spareWorkerTtlMs: 500, maxConcurrentColdStarts: 3 });
    scaling.register({ name: 'sleep', modulePath: fixture('sleep.ts'), exportName: 'handler', environment: {}, timeoutSeconds: 3, memoryMb: 128 });
    try {
      await Promise.all([scaling.invoke('sleep', { ms: 200 }), scaling.invoke('sleep', { ms: 200 }), scaling.invoke('sleep', { ms: 200 })]);
      expect(scaling.stats('sleep').warmWorkers).toBe(3);

      await expect.poll(() => scaling.stats('sleep').warmWorkers, { timeout: 2000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await scaling.invoke('sleep', { ms: 0 })).toMatchObject({ ok: true, coldStart: false });
    } finally {
      await scaling.close();
    }
  });

  it('close() terminates running invocations and rejects callers waiting for a slot', async () => {
    const closing = new FunctionRunner();
    closing.register({ name: 'sleep', modulePath: fixture('sleep.ts'), exportName: 'handler', environment: {}, timeoutSeconds: 10, memoryMb: 128, reservedConcurrency: 1 });
    const running = closing.invoke('sleep', { ms: 5000 });
    const waiting = closing.invoke('sleep', { ms: 10 }).catch((error: unknown) => error);
    await expect.poll(() => closing.stats('sleep').warmWorkers).toBe(1);

    await closing.close();

    expect(await running).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    expect(await waiting).toMatchObject({ name: 'RunnerClosedError' });
    await expect(closing.invoke('sleep', {})).rejects.toThrow('closed');
  });
});
