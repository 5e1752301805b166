import { S3_EVENT_NAMES, type S3EventName } from '../../../platform/topology/types.ts';
import type { LoadedStack } from '../../templates/types.ts';
import type { BucketNotificationPlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { nameFromArn, readProperties } from './values.ts';

type Warn = (logicalId: string, message: string) => void;

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
      if (configuration[kind] !== undefined) warn(resource.logicalId, `NotificationConfiguration.${kind} is not emulated (Lambda notifications are).`);
    }
    ((configuration.LambdaConfigurations ?? []) as Record<string, unknown>[]).forEach((config, index) => {
      const functionName = nameFromArn(String(config.Function));
      const rules = ((config.Filter as { S3Key?: { Rules?: { Name: string; Value: string }[] } } | undefined)?.S3Key?.Rules ?? []);
      const rule = (name: string) => rules.find((r) => r.Name.toLowerCase() === name)?.Value;
      const event = String(config.Event) as S3EventName;
      if (!(S3_EVENT_NAMES as readonly string[]).includes(event)) warn(resource.logicalId, `S3 event ${event} is not emitted locally.`);
      plans.push({
        bucket,
        functionName,
        configurationId: String(config.Id ?? `${bucket}-${functionName}-${index}`),
        events: [event],
        ...(rule('prefix') !== undefined && { prefix: rule('prefix')! }),
        ...(rule('suffix') !== undefined && { suffix: rule('suffix')! }),
      });
    });
  }
  return plans;
}
