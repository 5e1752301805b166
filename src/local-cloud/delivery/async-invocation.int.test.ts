import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.ts';
import { silentLogger } from '../../platform/log.ts';
import { FunctionRunner } from '../lambda/runner/index.ts';
import { SqsService } from '../sqs/index.ts';
import { openStateDb } from '../state/db.ts';
import { DeliveryOutbox } from './outbox.ts';
import { TargetDispatcher } from './target-dispatcher.ts';

const failing = fileURLToPath(new URL('../../../test/fixtures/functions/always-fail.ts', import.meta.url));
const runner = new FunctionRunner({ output: () => {} });
afterAll(() => runner.close());

/** A held dispatcher on a clock the test sets, over a real SQS and the shared runner. */
function setup() {
  const db = openStateDb(':memory:');
  const sqs = new SqsService({ db, endpoint: () => 'http://127.0.0.1:4566' });
  const clock = { now: Date.parse('2030-01-01T00:00:00Z') };
  const dispatcher = new TargetDispatcher({ outbox: new DeliveryOutbox(db), queues: sqs, functions: runner, logger: silentLogger, now: () => clock.now, asyncRetryDelaysMs: [10, 20], held: true });
  const name = `aged-${randomUUID().slice(0, 8)}`;
  runner.register({ name, modulePath: failing, exportName: 'handler', environment: {}, timeoutSeconds: 10, memoryMb: 128 });
  sqs.createQueue(`${name}-failures`);
  dispatcher.configureAsyncInvoke(name, { maximumEventAgeSeconds: 60, onFailureArn: sqs.queueArn(`${name}-failures`) });
  const close = () => {
    dispatcher.close();
    sqs.close();
    db.close();
  };
  return { sqs, clock, dispatcher, name, functionArn: runner.functionArn(name), close };
}

describe('asynchronous invocations in the outbox', () => {
  it('are held until the dispatcher starts', async () => {
    const { dispatcher, functionArn, name, close } = setup();

    dispatcher.invokeAsync(functionArn, '{"n":1}');
    dispatcher.notify();
    await new Promise((resolve) => setImmediate(resolve));
    const heldStats = runner.stats(name).invocations;
    dispatcher.start();
    await waitFor(() => runner.stats(name).invocations > 0, { description: 'the invocation once started' });

    expect(heldStats).toBe(0);
    close();
  });

  it('go to OnFailure as EventAgeExceeded, never invoked, once older than MaximumEventAgeInSeconds', async () => {
    const { sqs, clock, dispatcher, functionArn, name, close } = setup();
    dispatcher.invokeAsync(functionArn, '{"order":"o-1"}');

    clock.now += 61_000;
    dispatcher.start();
    const [message] = await waitFor(async () => {
      const messages = await sqs.receiveMessages(`${name}-failures`, { waitTimeSeconds: 0 });
      return messages.length > 0 ? messages : false;
    }, { description: 'the EventAgeExceeded record' });

    expect(JSON.parse(message!.body)).toEqual({
      version: '1.0',
      timestamp: '2030-01-01T00:01:01.000Z',
      requestContext: { requestId: expect.any(String), functionArn: `${functionArn}:$LATEST`, condition: 'EventAgeExceeded', approximateInvokeCount: 0 },
      requestPayload: { order: 'o-1' },
    });
    expect(runner.stats(name).invocations).toBe(0);
    close();
  });
});
