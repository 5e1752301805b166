import type { IssueCollector } from './checks.ts';
import type { AppDef, FunctionDef } from './types.ts';
import { validatePatterns } from './validate-patterns.ts';

/** Event-source-mapping parameters, with AWS's ranges and cross-resource rules. */
export function validateTriggers(c: IssueCollector, app: AppDef, path: string, fn: FunctionDef): void {
  (fn.triggers ?? []).forEach((trigger, i) => {
    const at = `${path}.triggers[${i}]`;
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
    } else if (trigger.type === 'dynamodb-stream') {
      if (c.ref(`${at}.table`, 'table', trigger.table, app.tables) && !app.tables?.[trigger.table]?.stream) {
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
      c.add(`${at}.type`, `unknown trigger type "${(trigger as { type?: string }).type}" (sqs or dynamodb-stream)`);
    }
  });
}
