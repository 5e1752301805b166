import { S3_EVENT_NAMES, type S3EventName } from '../../../platform/topology/types.ts';
import type { LoadedStack } from '../../templates/types.ts';
import type { BucketNotificationPlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { nameFromArn, readProperties } from './values.ts';

type Warn = (logicalId: string, message: string) => void;
interface FilterRule {
  readonly Name: string;
  readonly Value: string;
}

/**
 * Lambda notifications of buckets: a bucket's own `NotificationConfiguration`, and CDK's
 * `Custom::S3BucketNotifications` (understood directly; its Python handler never runs).
 */
export function templateBucketNotifications(stack: LoadedStack, lookup: TemplateLookup, warn: Warn): BucketNotificationPlan[] {
  const plans: BucketNotificationPlan[] = [];
  for (const resource of stack.resources) {
    if (resource.type !== 'AWS::S3::Bucket' && resource.type !== 'Custom::S3BucketNotifications') continue;
    const p = readProperties(stack.resolver.resolveProperties(resource.logicalId, lookup), { file: stack.file, logicalId: resource.logicalId });
    const bucket = resource.type === 'AWS::S3::Bucket' ? lookup.name(resource.logicalId) : p.string('BucketName');
    const configuration = p.object('NotificationConfiguration');
    if (!bucket || !configuration) continue;
    for (const kind of ['QueueConfigurations', 'TopicConfigurations', 'EventBridgeConfiguration']) {
      if (configuration[kind] !== undefined) warn(resource.logicalId, `NotificationConfiguration.${kind} is not emitted locally (Lambda notifications are).`);
    }
    // CloudFormation's shape (`LambdaConfigurations`: Event, Function, Filter.S3Key.Rules) and the S3 API's,
    // which CDK's custom resource carries (`LambdaFunctionConfigurations`: Events, LambdaFunctionArn, Filter.Key.FilterRules).
    const configurations = [
      ...((configuration.LambdaConfigurations ?? []) as Record<string, unknown>[]).map((c) => ({
        id: c.Id,
        events: [c.Event],
        functionArn: c.Function,
        rules: (c.Filter as { S3Key?: { Rules?: FilterRule[] } } | undefined)?.S3Key?.Rules ?? [],
      })),
      ...((configuration.LambdaFunctionConfigurations ?? []) as Record<string, unknown>[]).map((c) => ({
        id: c.Id,
        events: (c.Events ?? []) as unknown[],
        functionArn: c.LambdaFunctionArn,
        rules: (c.Filter as { Key?: { FilterRules?: FilterRule[] } } | undefined)?.Key?.FilterRules ?? [],
      })),
    ];
    configurations.forEach((config, index) => {
      const functionName = nameFromArn(String(config.functionArn));
      const rule = (name: string) => config.rules.find((r) => r.Name.toLowerCase() === name)?.Value;
      const events = config.events.map(String) as S3EventName[];
      for (const event of events) if (!(S3_EVENT_NAMES as readonly string[]).includes(event)) warn(resource.logicalId, `S3 event ${event} is not emitted locally.`);
      plans.push({
        bucket,
        functionName,
        configurationId: String(config.id ?? `${bucket}-${functionName}-${index}`),
        events,
        ...(rule('prefix') !== undefined && { prefix: rule('prefix')! }),
        ...(rule('suffix') !== undefined && { suffix: rule('suffix')! }),
      });
    });
  }
  return plans;
}
