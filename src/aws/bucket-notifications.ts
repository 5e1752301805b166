import { Aws } from 'aws-cdk-lib';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { S3Trigger } from '../platform/topology/types.ts';
import type { SynthContext } from './context.ts';

export const DEFAULT_S3_EVENTS = ['s3:ObjectCreated:*'] as const;

/**
 * `s3` triggers as the bucket's own NotificationConfiguration, one Lambda configuration per declared
 * event, plus an invoke permission for s3.amazonaws.com scoped to the bucket ARN and the account.
 * Not CDK's addEventNotification: that deploys a custom-resource Lambda with a managed policy.
 * S3 checks the permission when the configuration is set, so the bucket depends on it; the
 * permission names the bucket by its deterministic ARN, so there is no cycle (see buckets.ts).
 */
export function addBucketNotifications(ctx: SynthContext): void {
  const configurations = new Map<string, CfnBucket.LambdaConfigurationProperty[]>();
  for (const [name, { fn }] of ctx.functions) {
    const triggers = (ctx.app.functions![name]!.triggers ?? []).filter((trigger): trigger is S3Trigger => trigger.type === 's3');
    [...new Set(triggers.map((trigger) => trigger.bucket))].forEach((bucketName, index) => {
      const { bucket, bucketArn } = ctx.bucket(bucketName);
      const permission = new CfnPermission(ctx.stack, `${name}S3Invoke${index}`, {
        action: 'lambda:InvokeFunction',
        functionName: fn.functionArn,
        principal: 's3.amazonaws.com',
        sourceArn: bucketArn,
        sourceAccount: Aws.ACCOUNT_ID,
      });
      bucket.node.defaultChild!.node.addDependency(permission);
    });
    for (const trigger of triggers) {
      const list = configurations.get(trigger.bucket) ?? [];
      for (const event of trigger.events ?? DEFAULT_S3_EVENTS) list.push({ event, function: fn.functionArn, filter: keyFilter(trigger) });
      configurations.set(trigger.bucket, list);
    }
  }
  for (const [bucketName, lambdaConfigurations] of configurations) {
    (ctx.bucket(bucketName).bucket.node.defaultChild as CfnBucket).notificationConfiguration = { lambdaConfigurations };
  }
}

function keyFilter(trigger: S3Trigger): CfnBucket.NotificationFilterProperty | undefined {
  const rules = [
    ...(trigger.prefix === undefined ? [] : [{ name: 'prefix', value: trigger.prefix }]),
    ...(trigger.suffix === undefined ? [] : [{ name: 'suffix', value: trigger.suffix }]),
  ];
  return rules.length > 0 ? { s3Key: { rules } } : undefined;
}
