import type { InputTransformer, RetryPolicy } from '../../../platform/topology/types.ts';
import type { TargetConfig } from '../../delivery/target.ts';
import type { LoadedStack } from '../../templates/types.ts';
import type { RulePlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { nameFromArn, patternObject, readProperties } from './values.ts';

/** Each `AWS::Events::Rule` with its targets; a rule names its bus by name or by ARN (default: `default`). */
export function templateRules(stack: LoadedStack, lookup: TemplateLookup): RulePlan[] {
  return stack.resources
    .filter((resource) => resource.type === 'AWS::Events::Rule')
    .map(({ logicalId }) => {
      const p = readProperties(stack.resolver.resolveProperties(logicalId, lookup), { file: stack.file, logicalId });
      const pattern = p.raw('EventPattern');
      const schedule = p.string('ScheduleExpression');
      const targets = (p.array('Targets') ?? []) as Record<string, unknown>[];
      return {
        name: lookup.name(logicalId),
        busName: nameFromArn(p.string('EventBusName') ?? 'default'),
        ...(pattern !== undefined && { eventPattern: patternObject(pattern, { file: stack.file, logicalId, property: 'Properties.EventPattern' }) }),
        ...(schedule && { scheduleExpression: schedule }),
        enabled: (p.string('State') ?? 'ENABLED') === 'ENABLED',
        ...(p.string('Description') && { description: p.string('Description')! }),
        targets: targets.map((target) => ruleTarget(target)),
      };
    });
}

function ruleTarget(target: Record<string, unknown>): TargetConfig {
  const transformer = target.InputTransformer as { InputPathsMap?: Record<string, string>; InputTemplate: string } | undefined;
  const retry = target.RetryPolicy as { MaximumRetryAttempts?: number | string; MaximumEventAgeInSeconds?: number | string } | undefined;
  const deadLetter = (target.DeadLetterConfig as { Arn?: string } | undefined)?.Arn;
  const inputTransformer: InputTransformer | undefined = transformer && {
    inputTemplate: transformer.InputTemplate,
    ...(transformer.InputPathsMap && { inputPathsMap: transformer.InputPathsMap }),
  };
  const retryPolicy: RetryPolicy | undefined = retry && {
    ...(retry.MaximumRetryAttempts !== undefined && { maximumRetryAttempts: Number(retry.MaximumRetryAttempts) }),
    ...(retry.MaximumEventAgeInSeconds !== undefined && { maximumEventAgeInSeconds: Number(retry.MaximumEventAgeInSeconds) }),
  };
  return {
    id: String(target.Id ?? target.Arn),
    arn: String(target.Arn),
    ...(target.Input !== undefined && { input: String(target.Input) }),
    ...(target.InputPath !== undefined && { inputPath: String(target.InputPath) }),
    ...(inputTransformer && { inputTransformer }),
    ...(retryPolicy && { retryPolicy }),
    ...(deadLetter && { deadLetterArn: deadLetter }),
  };
}
