import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ActivityFeed } from '../../activity/index.ts';
import { FunctionRunner } from './function-runner.ts';

const fixture = (file: string) => fileURLToPath(new URL(`../../../../test/fixtures/functions/${file}`, import.meta.url));
const activity = new ActivityFeed();
const logged: string[] = [];
const runner = new FunctionRunner({ output: () => undefined, activity, logSink: { append: (group, stream, _at, message) => logged.push(`${group} ${stream} ${message}`) } });
let next = 0;

/** A fresh counter function: its count tells how often its handler really ran. */
function counter(): string {
  const name = `counter-${++next}`;
  runner.register({ name, modulePath: fixture('counter.ts'), exportName: 'handler', environment: {}, timeoutSeconds: 5, memoryMb: 128 });
  return name;
}

const invocations = (name: string) => activity.recent().filter((step) => step.kind === 'invocation' && step.to === `function:${name}`);

afterAll(() => runner.close());

describe('FunctionRunner fault injection', () => {
  it('an error rate of 1 fails every invocation without running the handler, counted and logged as an error', async () => {
    // Prepare
    const name = counter();
    runner.faults.set(name, { errorRate: 1 });

    // Act
    const result = await runner.invoke(name, { orderId: 'o-1' });

    // Assess
    expect(result).toMatchObject({ ok: false, timedOut: false, error: { errorType: 'EventloomInjectedFault' } });
    expect(runner.stats(name)).toMatchObject({ invocations: 1, errors: 1, warmWorkers: 0 });
    expect(invocations(name)).toMatchObject([{ from: 'client', outcome: 'error', note: 'EventloomInjectedFault' }]);
    expect(logged.some((line) => line.startsWith(`/aws/lambda/${name} eventloom/fault-injection `) && line.includes('EventloomInjectedFault'))).toBe(true);
    runner.faults.clear(name);
    expect(await runner.invoke(name, {})).toMatchObject({ ok: true, payload: { count: 1 } });
  });

  it('added latency delays the invocation and counts in its duration', async () => {
    const name = counter();
    await runner.invoke(name, {});
    runner.faults.set(name, { latencyMs: 300 });

    const result = await runner.invoke(name, {});

    expect(result).toMatchObject({ ok: true, payload: { count: 2 } });
    expect(result.durationMs).toBeGreaterThanOrEqual(300);
    expect(invocations(name).at(-1)?.durationMs).toBeGreaterThanOrEqual(300);
  });

  it('a duplicate delivery runs the handler twice with the same event; the caller gets the first answer', async () => {
    const name = counter();
    runner.faults.set(name, { duplicateRate: 1 });

    const result = await runner.invoke(name, { orderId: 'o-2' });

    expect(result).toMatchObject({ ok: true, payload: { count: 1 } });
    expect(runner.stats(name).invocations).toBe(2);
    expect(invocations(name).map((step) => step.note)).toEqual(['cold start', 'duplicate']);
    expect(await runner.invoke(name, {})).toMatchObject({ payload: { count: 3 } });
  });
});
