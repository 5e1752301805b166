import type { LoadedStack } from '../../templates/types.ts';
import type { SchedulePlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { readProperties } from './values.ts';

/** The stack's `AWS::Scheduler::ScheduleGroup` names and `AWS::Scheduler::Schedule`s. */
export function templateSchedules(stack: LoadedStack, lookup: TemplateLookup): { groups: string[]; schedules: SchedulePlan[] } {
  const groups = stack.resources.filter((r) => r.type === 'AWS::Scheduler::ScheduleGroup').map((r) => lookup.name(r.logicalId));
  const schedules = stack.resources
    .filter((r) => r.type === 'AWS::Scheduler::Schedule')
    .map(({ logicalId }): SchedulePlan => {
      const p = readProperties(stack.resolver.resolveProperties(logicalId, lookup), { file: stack.file, logicalId });
      const window = p.object('FlexibleTimeWindow') as { Mode?: string; MaximumWindowInMinutes?: number | string } | undefined;
      const target = readProperties(p.object('Target') ?? {}, { file: stack.file, logicalId, prefix: 'Properties.Target' });
      const retry = target.object('RetryPolicy') as { MaximumRetryAttempts?: number | string; MaximumEventAgeInSeconds?: number | string } | undefined;
      const eventBridge = target.object('EventBridgeParameters') as { DetailType?: string; Source?: string } | undefined;
      const deadLetter = (target.object('DeadLetterConfig') as { Arn?: string } | undefined)?.Arn;
      return {
        name: lookup.name(logicalId),
        ...(p.string('GroupName') && { groupName: p.string('GroupName')! }),
        expression: p.string('ScheduleExpression') ?? '',
        ...(p.string('ScheduleExpressionTimezone') && { timezone: p.string('ScheduleExpressionTimezone')! }),
        ...(p.string('StartDate') && { startDate: p.string('StartDate')! }),
        ...(p.string('EndDate') && { endDate: p.string('EndDate')! }),
        ...(p.string('Description') && { description: p.string('Description')! }),
        enabled: (p.string('State') ?? 'ENABLED') === 'ENABLED',
        ...(window?.Mode === 'FLEXIBLE' && { flexibleWindowMinutes: Number(window.MaximumWindowInMinutes ?? 1) }),
        ...(p.string('ActionAfterCompletion') === 'DELETE' && { actionAfterCompletion: 'DELETE' as const }),
        target: {
          arn: target.string('Arn') ?? '',
          ...(target.string('RoleArn') && { roleArn: target.string('RoleArn')! }),
          ...(target.string('Input') !== undefined && { input: target.string('Input')! }),
          ...(retry && {
            retryPolicy: {
              ...(retry.MaximumRetryAttempts !== undefined && { maximumRetryAttempts: Number(retry.MaximumRetryAttempts) }),
              ...(retry.MaximumEventAgeInSeconds !== undefined && { maximumEventAgeInSeconds: Number(retry.MaximumEventAgeInSeconds) }),
            },
          }),
          ...(deadLetter && { deadLetterArn: deadLetter }),
          ...(eventBridge?.DetailType && eventBridge.Source && { eventBridgeParameters: { detailType: eventBridge.DetailType, source: eventBridge.Source } }),
        },
      };
    });
  return { groups, schedules };
}
