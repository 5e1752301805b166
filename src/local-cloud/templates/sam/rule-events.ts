import type { CfnResource, SamContext } from './context.ts';
import { getAtt, permission, ref } from './context.ts';
import type { SamEvent } from './event.ts';
import { pick } from './event.ts';
import { isPlainObject } from '../intrinsics.ts';

const TARGET_ID_MAX = 64;
const LAMBDA_TARGET_SUFFIX = 'LambdaTarget';

/** SAM's target id: `<Function><Event>LambdaTarget`, the logical id cut to fit EventBridge's 64 characters. */
export function lambdaTargetId(logicalId: string): string {
  const room = TARGET_ID_MAX - LAMBDA_TARGET_SUFFIX.length;
  return `${logicalId.length > room ? logicalId.slice(0, room) : logicalId}${LAMBDA_TARGET_SUFFIX}`;
}

/**
 * `EventBridgeRule` / `CloudWatchEvent` (a rule with the event's `Pattern`) and `Schedule` (a rule
 * with `ScheduleExpression`): an `AWS::Events::Rule` named `<Function><Event>` targeting the
 * function, and the `<Function><Event>Permission` that lets EventBridge invoke it. A dead-letter
 * queue given as `Type: SQS` is generated as `<Function><Event>Queue` (or `QueueLogicalId`).
 */
export function ruleEvent(event: SamEvent, ctx: SamContext): void {
  const p = event.properties;
  const isSchedule = event.type === 'Schedule';
  if (isSchedule && p.Schedule === undefined) throw ctx.fail(event.functionId, 'a Schedule event needs Schedule', `Events.${event.name}.Properties.Schedule`);
  const dlqArn = deadLetterQueue(event, ctx, true);
  const customId = isPlainObject(p.Target) && typeof p.Target.Id === 'string' ? p.Target.Id : undefined;
  const target = {
    Arn: getAtt(event.functionId, 'Arn'),
    Id: customId ?? lambdaTargetId(event.logicalId),
    ...pick(p, isSchedule ? ['Input'] : ['Input', 'InputPath']),
    DeadLetterConfig: dlqArn === undefined ? undefined : { Arn: dlqArn },
    RetryPolicy: p.RetryPolicy,
    InputTransformer: isSchedule ? undefined : p.InputTransformer,
  };
  const rule: Record<string, unknown> = isSchedule
    ? { ScheduleExpression: p.Schedule, Name: p.Name, Description: p.Description }
    : { EventBusName: p.EventBusName, EventPattern: p.Pattern, Name: p.RuleName };
  rule.State = ruleState(event, ctx);
  rule.Targets = [dropUndefinedKeys(target)];
  ctx.add(event.logicalId, { Type: 'AWS::Events::Rule', Properties: rule, ...event.attributes }, event.functionId);
  ctx.add(`${event.logicalId}Permission`, permission(event.functionId, 'events.amazonaws.com', { SourceArn: getAtt(event.logicalId, 'Arn') }, event.attributes), event.functionId);
}

/**
 * `ScheduleV2`: an `AWS::Scheduler::Schedule` named `<Function><Event>` (its `Name` defaults to that
 * id unless `OmitName`), with `<Function><Event>Role` as the target's role when no `RoleArn` is given.
 */
export function scheduleV2Event(event: SamEvent, ctx: SamContext): void {
  const p = event.properties;
  if (p.ScheduleExpression === undefined) throw ctx.fail(event.functionId, 'a ScheduleV2 event needs ScheduleExpression', `Events.${event.name}.Properties.ScheduleExpression`);
  const dlqArn = deadLetterQueue(event, ctx, false);
  const roleId = `${event.logicalId}Role`;
  const target = {
    Arn: getAtt(event.functionId, 'Arn'),
    RoleArn: p.RoleArn ?? getAtt(roleId, 'Arn'),
    Input: p.Input,
    RetryPolicy: p.RetryPolicy,
    DeadLetterConfig: dlqArn === undefined ? undefined : { Arn: dlqArn },
  };
  const schedule = {
    ScheduleExpression: p.ScheduleExpression,
    Name: p.OmitName === true ? undefined : (p.Name ?? event.logicalId),
    ...pick(p, ['State', 'Description', 'StartDate', 'EndDate', 'ScheduleExpressionTimezone', 'GroupName', 'KmsKeyArn']),
    FlexibleTimeWindow: p.FlexibleTimeWindow ?? { Mode: 'OFF' },
    Target: dropUndefinedKeys(target),
  };
  ctx.add(event.logicalId, { Type: 'AWS::Scheduler::Schedule', Properties: schedule, ...event.attributes }, event.functionId);
  if (p.RoleArn === undefined) ctx.add(roleId, { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: assumeRole('scheduler.amazonaws.com') }, ...event.attributes }, event.functionId);
}

function ruleState(event: SamEvent, ctx: SamContext): unknown {
  const { State, Enabled } = event.properties;
  if (State !== undefined && Enabled !== undefined) throw ctx.fail(event.functionId, 'State and Enabled cannot both be specified', `Events.${event.name}.Properties`);
  if (Enabled !== undefined) return Enabled === true || Enabled === 'true' ? 'ENABLED' : 'DISABLED';
  return State;
}

/** The DLQ ARN of a rule or schedule event; `Type: SQS` makes SAM generate the queue. */
function deadLetterQueue(event: SamEvent, ctx: SamContext, withQueuePolicy: boolean): unknown {
  const config = event.properties.DeadLetterConfig;
  if (config === undefined) return undefined;
  const where = `Events.${event.name}.Properties.DeadLetterConfig`;
  if (!isPlainObject(config)) throw ctx.fail(event.functionId, 'DeadLetterConfig must be a mapping', where);
  if (config.Arn !== undefined && config.Type !== undefined) throw ctx.fail(event.functionId, "either 'Arn' or 'Type' in DeadLetterConfig, not both", where);
  if (config.Arn !== undefined) return config.Arn;
  if (config.Type !== 'SQS') throw ctx.fail(event.functionId, "DeadLetterConfig needs 'Arn', or 'Type: SQS'", where);
  const queueId = typeof config.QueueLogicalId === 'string' ? config.QueueLogicalId : `${event.logicalId}Queue`;
  ctx.add(queueId, { Type: 'AWS::SQS::Queue', ...event.attributes }, event.functionId);
  if (withQueuePolicy) {
    const policy: CfnResource = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [ref(queueId)],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'sqs:SendMessage', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Resource: getAtt(queueId, 'Arn'), Condition: { ArnEquals: { 'aws:SourceArn': getAtt(event.logicalId, 'Arn') } } }],
        },
      },
      ...event.attributes,
    };
    ctx.add(`${event.logicalId}QueuePolicy`, policy, event.functionId);
  }
  return getAtt(queueId, 'Arn');
}

export function assumeRole(service: string): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [service] } }] };
}

function dropUndefinedKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, child]) => child !== undefined));
}
