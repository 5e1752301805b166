import type { IssueCollector } from './checks.ts';
import { S3_EVENT_NAMES, type AppDef, type FunctionDef, type S3Trigger } from './types.ts';
import { validatePatterns } from './validate-patterns.ts';

/** Event-source-mapping parameters, with AWS's ranges and cross-resource rules. */
export function validateTriggers(c: IssueCollector, app: AppDef, path: string, fn: FunctionDef): void {
  (fn.triggers ?? []).forEach((trigger, i) => {
    const at = `${path}.triggers[${i}]`;
    if (trigger.type === 's3') {
      validateS3Trigger(c, app, at, trigger);
      return;
    }
    c.range(`${at}.maximumBatchingWindowInSeconds`, trigger.maximumBatchingWindowInSeconds, 0, 300);
    validatePatterns(c, app, `${at}.filterCriteria.patterns`, trigger.filterCriteria?.patterns, 'filter');
    if (trigger.type === 'sqs') {
      c.range(`${at}.batchSize`, trigger.batchSize, 1, 10_000);
      if ((trigger.batchSize ?? 10) > 10 && (trigger.maximumBatchingWindowInSeconds ?? 0) < 1) {
        c.add(`${at}.batchSize`, 'a batch size above 10 needs maximumBatchingWindowInSeconds of at least 1');
      }
      c.range(`${at}.maximumConcurrency`, trigger.maximumConcurrency, 2, 1_000);
      if (c.ref(`${at}.queue`, 'queue', trigger.queue, app.queues)) {
        const visibility = app.queues?.[trigger.queue]?.visibilityTimeoutSeconds ?? 30;
        const timeout = fn.timeoutSeconds ?? 3;
        if (visibility < timeout) {
          c.add(`${at}.queue`, `queue visibility timeout (${visibility} s) is less than the function timeout (${timeout} s); AWS rejects this mapping`);
        }
      }
    } else if (trigger.type === 'dynamodb-stream' || trigger.type === 'kinesis') {
      if (trigger.type === 'kinesis') c.ref(`${at}.stream`, 'Kinesis stream', trigger.stream, app.kinesisStreams);
      else if (c.ref(`${at}.table`, 'table', trigger.table, app.tables) && !app.tables?.[trigger.table]?.stream) {
        c.add(`${at}.table`, `table "${trigger.table}" has no stream (set its \`stream\` view type)`);
      }
      if (trigger.startingPosition !== 'TRIM_HORIZON' && trigger.startingPosition !== 'LATEST') {
        c.add(`${at}.startingPosition`, 'must be TRIM_HORIZON or LATEST');
      }
      c.range(`${at}.batchSize`, trigger.batchSize, 1, 10_000);
      c.range(`${at}.maximumRetryAttempts`, trigger.maximumRetryAttempts, -1, 10_000);
      c.range(`${at}.maximumRecordAgeInSeconds`, trigger.maximumRecordAgeInSeconds, 60, 604_800, [-1]);
      c.range(`${at}.parallelizationFactor`, trigger.parallelizationFactor, 1, 10);
      c.ref(`${at}.onFailureQueue`, 'queue', trigger.onFailureQueue, app.queues);
    } else {
      c.add(`${at}.type`, `unknown trigger type "${(trigger as { type?: string }).type}" (sqs, dynamodb-stream, kinesis or s3)`);
    }
  });
}

function validateS3Trigger(c: IssueCollector, app: AppDef, at: string, trigger: S3Trigger): void {
  c.ref(`${at}.bucket`, 'bucket', trigger.bucket, app.buckets);
  for (const event of trigger.events ?? []) {
    if (!(S3_EVENT_NAMES as readonly string[]).includes(event)) c.add(`${at}.events`, `unknown S3 event "${event}" (known: ${S3_EVENT_NAMES.join(', ')})`);
  }
  if (trigger.events?.length === 0) c.add(`${at}.events`, 'needs at least one event (default s3:ObjectCreated:*)');
  for (const key of ['prefix', 'suffix'] as const) {
    const value = trigger[key];
    if (value !== undefined && (value.length === 0 || value.length > 1024)) c.add(`${at}.${key}`, 'must be 1 to 1,024 characters');
  }
}
