import { describe, expect, it } from 'vitest';
import type { AppDef } from '../platform/topology/types.ts';
import { apps } from './index.ts';

/** AWS's default stream batch (and the local one for a pipe without `batchSize`). */
const DEFAULT_STREAM_BATCH = 100;
const FOURTEEN_DAYS = 1_209_600;

/** −1 (or unset) is AWS's "until the record leaves the stream": not a bound an app should rely on. */
const bounded = (retries: number | undefined, age: number | undefined) => (retries ?? -1) >= 0 || (age ?? -1) >= 0;

/**
 * What issue 15 asks of every consumer of a stream or queue: a bounded retry, bisect where batches
 * exist, and a declared place for what it gives up on. Returns one line per consumer that falls short.
 */
function unboundedConsumers(app: AppDef): string[] {
  const problems: string[] = [];
  const failureQueues: string[] = [];
  for (const [name, pipe] of Object.entries(app.pipes ?? {})) {
    const source = pipe.source ?? {};
    if (!bounded(source.maximumRetryAttempts, source.maximumRecordAgeInSeconds)) problems.push(`pipe ${name}: retries forever`);
    if ((source.batchSize ?? DEFAULT_STREAM_BATCH) > 1 && source.onPartialBatchItemFailure !== 'AUTOMATIC_BISECT') problems.push(`pipe ${name}: batches without bisect`);
    if (source.deadLetterQueue) failureQueues.push(source.deadLetterQueue);
    else problems.push(`pipe ${name}: no dead-letter queue`);
  }
  for (const [name, fn] of Object.entries(app.functions ?? {})) {
    for (const trigger of fn.triggers ?? []) {
      if (trigger.type === 's3') continue;
      const at = `function ${name} (${trigger.type})`;
      if (trigger.type === 'sqs') {
        // A queue holds up nothing behind a failing message; a DLQ's own consumer (the end of the
        // line) retries until the message's retention ends, any other queue redrives to a DLQ.
        const redrive = app.queues?.[trigger.queue]?.deadLetterQueue;
        const isDeadLetterQueue = Object.values(app.queues ?? {}).some((queue) => queue.deadLetterQueue?.queue === trigger.queue);
        if (redrive) failureQueues.push(redrive.queue);
        else if (!isDeadLetterQueue) problems.push(`${at}: queue ${trigger.queue} has no redrive policy`);
        continue;
      }
      if (!bounded(trigger.maximumRetryAttempts, trigger.maximumRecordAgeInSeconds)) problems.push(`${at}: retries forever`);
      if ((trigger.batchSize ?? DEFAULT_STREAM_BATCH) > 1 && !trigger.bisectBatchOnFunctionError) problems.push(`${at}: batches without bisect`);
      if (trigger.onFailureQueue) failureQueues.push(trigger.onFailureQueue);
      else problems.push(`${at}: no on-failure queue`);
    }
  }
  for (const queue of new Set(failureQueues)) {
    if (app.queues?.[queue]?.messageRetentionSeconds !== FOURTEEN_DAYS) problems.push(`queue ${queue}: a failure queue keeps messages less than 14 days`);
  }
  return problems;
}

describe('every app bounds the retries of its stream and queue consumers (issue 15, F2)', () => {
  it.each(apps.map((app) => [app.name, app] as const))('%s: bounded retries, bisect where batches exist, a failure queue kept 14 days', (_name, app) => {
    expect(unboundedConsumers(app)).toEqual([]);
  });

  it('finds what the ecommerce pipe lacked before (retries −1, no bisect, no DLQ), an unbounded mapping, a queue without redrive', () => {
    const app: AppDef = {
      name: 'legacy',
      tables: { store: { partitionKey: { name: 'pk', type: 'S' }, stream: 'NEW_IMAGE' } },
      buses: { events: {} },
      pipes: { storeToBus: { sourceTable: 'store', source: { startingPosition: 'TRIM_HORIZON' }, target: { bus: 'events' } } },
      queues: { jobs: {} },
      functions: {
        count: { handler: 'x.ts', triggers: [{ type: 'dynamodb-stream', table: 'store', startingPosition: 'LATEST', batchSize: 1, maximumRecordAgeInSeconds: -1 }] },
        work: { handler: 'y.ts', triggers: [{ type: 'sqs', queue: 'jobs' }] },
      },
    };

    expect(unboundedConsumers(app)).toEqual([
      'pipe storeToBus: retries forever',
      'pipe storeToBus: batches without bisect',
      'pipe storeToBus: no dead-letter queue',
      'function count (dynamodb-stream): retries forever',
      'function count (dynamodb-stream): no on-failure queue',
      'function work (sqs): queue jobs has no redrive policy',
    ]);
  });
});
