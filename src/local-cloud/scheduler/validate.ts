import type { CreateScheduleCommandInput, Target } from '@aws-sdk/client-scheduler';
import { parseScheduleExpression, ScheduleExpressionError } from '../eventbridge/schedule-expression.ts';
import { isTimeZone } from '../eventbridge/schedule-zone.ts';
import { parseTargetArn } from '../delivery/target-arn.ts';
import { AwsServiceError } from '../protocol/errors.ts';
import { constraint, validation } from './errors.ts';
import { DEFAULT_GROUP, type ScheduleConfig, type ScheduleTarget } from './models.ts';

const NAME = /^[0-9a-zA-Z-_.]{1,64}$/;

/** A CreateSchedule / UpdateSchedule body as it arrives: dates are epoch seconds on the wire. */
export type ScheduleInput = Omit<CreateScheduleCommandInput, 'Name' | 'StartDate' | 'EndDate'> & { StartDate?: number | string; EndDate?: number | string };

/** The model's constraints and the service's own rules, with AWS's ValidationException messages. */
export function scheduleFromInput(name: string, input: ScheduleInput): Omit<ScheduleConfig, 'createdAt' | 'modifiedAt'> {
  checkName('name', name);
  const groupName = input.GroupName ?? DEFAULT_GROUP;
  checkName('groupName', groupName);
  const expression = input.ScheduleExpression;
  if (!expression) throw constraint('scheduleExpression', expression, 'Member must not be null');
  try {
    parseScheduleExpression(expression, { allowAt: true });
  } catch (error) {
    if (error instanceof ScheduleExpressionError) throw validation(`Invalid Schedule Expression ${expression}.`);
    throw error;
  }
  const timezone = input.ScheduleExpressionTimezone ?? 'UTC';
  if (!isTimeZone(timezone)) throw validation(`Invalid ScheduleExpressionTimezone ${timezone}.`);
  const window = input.FlexibleTimeWindow;
  if (!window?.Mode) throw constraint('flexibleTimeWindow', undefined, 'Member must not be null');
  if (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE') throw constraint('flexibleTimeWindow.mode', window.Mode, 'Member must satisfy enum value set: [OFF, FLEXIBLE]');
  if (window.Mode === 'FLEXIBLE' && !isIntegerIn(window.MaximumWindowInMinutes, 1, 1440)) {
    throw validation('MaximumWindowInMinutes must be between 1 and 1440 when the FlexibleTimeWindow mode is FLEXIBLE.');
  }
  const state = input.State ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') throw constraint('state', state, 'Member must satisfy enum value set: [ENABLED, DISABLED]');
  const after = input.ActionAfterCompletion ?? 'NONE';
  if (after !== 'NONE' && after !== 'DELETE') throw constraint('actionAfterCompletion', after, 'Member must satisfy enum value set: [NONE, DELETE]');
  const startDate = epochMs(input.StartDate);
  const endDate = epochMs(input.EndDate);
  if (startDate !== undefined && endDate !== undefined && endDate <= startDate) throw validation('The EndDate must be after the StartDate.');
  return {
    name,
    groupName,
    expression,
    timezone,
    state,
    actionAfterCompletion: after,
    target: targetFromInput(input.Target),
    ...(startDate !== undefined && { startDate }),
    ...(endDate !== undefined && { endDate }),
    ...(input.Description !== undefined && { description: input.Description }),
    ...(window.Mode === 'FLEXIBLE' && { flexibleWindowMinutes: window.MaximumWindowInMinutes! }),
    ...(input.KmsKeyArn !== undefined && { kmsKeyArn: input.KmsKeyArn }),
  };
}

export function checkName(field: string, name: string | undefined): void {
  if (!name || !NAME.test(name)) throw constraint(field, name, 'Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$ and have length between 1 and 64');
}

function targetFromInput(target: Target | undefined): ScheduleTarget {
  if (!target) throw constraint('target', undefined, 'Member must not be null');
  if (!target.Arn) throw constraint('target.arn', undefined, 'Member must not be null');
  if (!target.RoleArn) throw constraint('target.roleArn', undefined, 'Member must not be null');
  const kind = parseTargetArn(target.Arn).kind;
  if (kind === 'unknown') {
    throw new AwsServiceError('NotImplemented', `Target ${target.Arn}: the eventloom local cloud runs schedules targeting a Lambda function, an SQS queue or an event bus.`, { statusCode: 501 });
  }
  const parameters = target.EventBridgeParameters;
  if (kind === 'events' && (!parameters?.DetailType || !parameters.Source)) throw validation('EventBridgeParameters with DetailType and Source are required for an event bus target.');
  const retry = target.RetryPolicy;
  if (retry?.MaximumRetryAttempts !== undefined && !isIntegerIn(retry.MaximumRetryAttempts, 0, 185)) {
    throw constraint('target.retryPolicy.maximumRetryAttempts', retry.MaximumRetryAttempts, 'Member must have value between 0 and 185');
  }
  if (retry?.MaximumEventAgeInSeconds !== undefined && !isIntegerIn(retry.MaximumEventAgeInSeconds, 60, 86_400)) {
    throw constraint('target.retryPolicy.maximumEventAgeInSeconds', retry.MaximumEventAgeInSeconds, 'Member must have value between 60 and 86400');
  }
  if (target.DeadLetterConfig?.Arn !== undefined && parseTargetArn(target.DeadLetterConfig.Arn).kind !== 'sqs') {
    throw validation(`DeadLetterConfig Arn ${target.DeadLetterConfig.Arn} is not an SQS queue.`);
  }
  return {
    arn: target.Arn,
    roleArn: target.RoleArn,
    ...(target.Input !== undefined && { input: target.Input }),
    ...(retry && {
      retryPolicy: {
        ...(retry.MaximumRetryAttempts !== undefined && { maximumRetryAttempts: retry.MaximumRetryAttempts }),
        ...(retry.MaximumEventAgeInSeconds !== undefined && { maximumEventAgeInSeconds: retry.MaximumEventAgeInSeconds }),
      },
    }),
    ...(target.DeadLetterConfig?.Arn !== undefined && { deadLetterArn: target.DeadLetterConfig.Arn }),
    ...(kind === 'events' && { eventBridgeParameters: { detailType: parameters!.DetailType!, source: parameters!.Source! } }),
    ...(target.SqsParameters?.MessageGroupId !== undefined && { sqsMessageGroupId: target.SqsParameters.MessageGroupId }),
  };
}

function isIntegerIn(value: number | undefined, min: number, max: number): boolean {
  return value !== undefined && Number.isInteger(value) && value >= min && value <= max;
}

/** Epoch seconds (the JSON protocol's timestamps) or an ISO string (a template's value) to epoch ms. */
function epochMs(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) throw validation(`Invalid date ${String(value)}.`);
  return ms;
}
