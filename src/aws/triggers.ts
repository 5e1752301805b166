import { CfnEventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import type { FilterCriteria, KinesisTrigger, SqsTrigger, StreamTrigger } from '../platform/topology/types.ts';
import type { SynthContext } from './context.ts';

/**
 * Event source mappings for every trigger but `s3` (bucket-notifications.ts), as CfnEventSourceMapping
 * so each declared field maps to one property and no construct grants permissions behind our back
 * (permissions.ts grants them).
 */
export function addTriggers(ctx: SynthContext): void {
  for (const [name, { fn, role }] of ctx.functions) {
    (ctx.app.functions![name]!.triggers ?? []).forEach((trigger, index) => {
      if (trigger.type === 's3') return;
      const common = {
        functionName: fn.functionName,
        batchSize: trigger.batchSize,
        maximumBatchingWindowInSeconds: trigger.maximumBatchingWindowInSeconds,
        filterCriteria: filterCriteria(ctx, trigger.filterCriteria),
        functionResponseTypes: trigger.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined,
        enabled: trigger.enabled,
      };
      const props = trigger.type === 'sqs' ? { ...common, ...sqs(ctx, trigger) } : { ...common, ...stream(ctx, trigger) };
      const mapping = new CfnEventSourceMapping(ctx.stack, `${name}Trigger${index}`, props);
      // Lambda checks the role's permissions when the mapping is created.
      mapping.node.addDependency(role);
    });
  }
}

function sqs(ctx: SynthContext, trigger: SqsTrigger) {
  return {
    eventSourceArn: ctx.queue(trigger.queue).queueArn,
    scalingConfig: trigger.maximumConcurrency === undefined ? undefined : { maximumConcurrency: trigger.maximumConcurrency },
  };
}

function stream(ctx: SynthContext, trigger: StreamTrigger | KinesisTrigger) {
  return {
    eventSourceArn:
      trigger.type === 'kinesis' ? ctx.kinesisStream(trigger.stream).streamArn : ctx.resolveRef({ ref: 'tableStreamArn', name: trigger.table }),
    startingPosition: trigger.startingPosition,
    maximumRetryAttempts: trigger.maximumRetryAttempts,
    maximumRecordAgeInSeconds: trigger.maximumRecordAgeInSeconds,
    bisectBatchOnFunctionError: trigger.bisectBatchOnFunctionError,
    parallelizationFactor: trigger.parallelizationFactor,
    destinationConfig: trigger.onFailureQueue ? { onFailure: { destination: ctx.queue(trigger.onFailureQueue).queueArn } } : undefined,
  };
}

function filterCriteria(ctx: SynthContext, criteria: FilterCriteria | undefined) {
  return criteria && { filters: criteria.patterns.map((pattern) => ({ pattern: ctx.json(pattern) })) };
}
