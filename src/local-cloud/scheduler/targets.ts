import type { TargetConfig } from '../delivery/target.ts';
import { scheduleArn, type ScheduleConfig } from './models.ts';

/**
 * What one fire of a schedule delivers: its target with the retry policy and dead-letter queue,
 * and the input with Scheduler's context attributes filled in. A Lambda target gets `{}` without
 * an Input, as on AWS. Locally the input is rendered once per fire, so `<aws.scheduler.attempt-number>`
 * is always 1 (retries resend the first attempt's text).
 */
export function scheduledDelivery(config: ScheduleConfig, scheduledAt: number, executionId: string): { target: TargetConfig; input: string } {
  const { target } = config;
  const context: Record<string, string> = {
    'aws.scheduler.schedule-arn': scheduleArn(config.groupName, config.name),
    'aws.scheduler.scheduled-time': new Date(scheduledAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws.scheduler.execution-id': executionId,
    'aws.scheduler.attempt-number': '1',
  };
  const input = (target.input ?? '{}').replace(/<(aws\.scheduler\.[a-z-]+)>/g, (whole, name: string) => context[name] ?? whole);
  return {
    target: {
      id: executionId,
      arn: target.arn,
      ...(target.retryPolicy && { retryPolicy: target.retryPolicy }),
      ...(target.deadLetterArn !== undefined && { deadLetterArn: target.deadLetterArn }),
      ...(target.eventBridgeParameters && { eventBridgeParameters: target.eventBridgeParameters }),
    },
    input,
  };
}
