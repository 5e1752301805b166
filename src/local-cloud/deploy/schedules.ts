import type { ScheduleInput } from '../scheduler/index.ts';
import type { DeployContext } from './context.ts';
import type { SchedulePlan } from './plan.ts';

/**
 * Creates the stack's schedule groups and puts its schedules. A schedule already as declared is
 * left alone (a restart neither restarts a rate nor refires a past `at(…)`); one the stack no longer
 * declares is removed from the stack's own groups, and from `default` if the stack deployed it.
 */
export function deploySchedules(ctx: DeployContext, groups: readonly string[], schedules: readonly SchedulePlan[]): void {
  const { scheduler } = ctx.services;
  for (const group of groups) if (!scheduler.listGroups(group).some((g) => g.name === group)) scheduler.createGroup(group);
  const declared = new Set(schedules.map((s) => `${s.groupName ?? 'default'}/${s.name}`));
  for (const group of new Set([...groups, 'default'])) {
    for (const schedule of scheduler.listSchedules({ group })) {
      const owned = groups.includes(group) || schedule.managedBy === ctx.stack;
      if (!owned || declared.has(`${group}/${schedule.name}`)) continue;
      scheduler.deleteSchedule(group, schedule.name);
      ctx.logger.info('removed a schedule the stack no longer declares', { group, schedule: schedule.name });
    }
  }
  for (const plan of schedules) scheduler.deploySchedule(ctx.stack, plan.name, scheduleInput(plan));
}

/** The plan as CreateSchedule's input (IAM is not evaluated: a role ARN is made up when none is given). */
function scheduleInput(plan: SchedulePlan): ScheduleInput {
  const { target } = plan;
  return {
    ScheduleExpression: plan.expression,
    FlexibleTimeWindow: plan.flexibleWindowMinutes === undefined ? { Mode: 'OFF' } : { Mode: 'FLEXIBLE', MaximumWindowInMinutes: plan.flexibleWindowMinutes },
    State: plan.enabled ? 'ENABLED' : 'DISABLED',
    ...(plan.groupName !== undefined && { GroupName: plan.groupName }),
    ...(plan.timezone !== undefined && { ScheduleExpressionTimezone: plan.timezone }),
    ...(plan.startDate !== undefined && { StartDate: plan.startDate }),
    ...(plan.endDate !== undefined && { EndDate: plan.endDate }),
    ...(plan.description !== undefined && { Description: plan.description }),
    ...(plan.actionAfterCompletion !== undefined && { ActionAfterCompletion: plan.actionAfterCompletion }),
    Target: {
      Arn: target.arn,
      RoleArn: target.roleArn ?? 'arn:aws:iam::000000000000:role/eventloom-local-scheduler',
      ...(target.input !== undefined && { Input: target.input }),
      ...(target.retryPolicy && { RetryPolicy: { MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts, MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds } }),
      ...(target.deadLetterArn !== undefined && { DeadLetterConfig: { Arn: target.deadLetterArn } }),
      ...(target.eventBridgeParameters && { EventBridgeParameters: { DetailType: target.eventBridgeParameters.detailType, Source: target.eventBridgeParameters.source } }),
    },
  };
}
