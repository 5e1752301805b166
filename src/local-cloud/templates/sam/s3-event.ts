import type { SamContext } from './context.ts';
import { getAtt, permission } from './context.ts';
import type { SamEvent } from './event.ts';
import { isPlainObject } from '../intrinsics.ts';

/**
 * `S3` events: the bucket (`Bucket: !Ref <bucket of this template>`) gets a
 * `NotificationConfiguration.LambdaConfigurations` entry per event type, and
 * `<Function><Event>Permission` lets S3 invoke the function; the bucket depends on that permission.
 */
export function s3Event(event: SamEvent, ctx: SamContext): void {
  const where = `Events.${event.name}.Properties.Bucket`;
  const bucketRef = event.properties.Bucket;
  const bucketId = isPlainObject(bucketRef) && typeof bucketRef.Ref === 'string' ? bucketRef.Ref : undefined;
  const bucket = bucketId === undefined ? undefined : ctx.input.get(bucketId);
  if (bucketId === undefined || bucket?.Type !== 'AWS::S3::Bucket') {
    throw ctx.fail(event.functionId, 'S3 events must reference an AWS::S3::Bucket of the same template with !Ref', where);
  }
  const permissionId = `${event.logicalId}Permission`;
  ctx.add(permissionId, permission(event.functionId, 's3.amazonaws.com', { SourceAccount: { Ref: 'AWS::AccountId' } }, event.attributes), event.functionId);
  // SAM makes a conditional function's permission a dependency through a tag trick; locally order is all that counts.
  if (event.attributes.Condition === undefined) {
    const dependsOn = bucket.DependsOn === undefined ? [] : [bucket.DependsOn].flat();
    if (!dependsOn.includes(permissionId)) bucket.DependsOn = [...dependsOn, permissionId];
  }
  const properties = (bucket.Properties ??= {});
  const notifications = (properties.NotificationConfiguration ??= {}) as Record<string, unknown>;
  if (!isPlainObject(notifications)) throw ctx.fail(bucketId, 'NotificationConfiguration must be a mapping', 'Properties.NotificationConfiguration');
  const lambdas = (notifications.LambdaConfigurations ??= []) as unknown[];
  if (!Array.isArray(lambdas)) throw ctx.fail(bucketId, 'LambdaConfigurations must be a list', 'Properties.NotificationConfiguration.LambdaConfigurations');
  const types = [event.properties.Events].flat();
  if (types.length === 0 || types[0] === undefined) throw ctx.fail(event.functionId, 'an S3 event needs Events', `Events.${event.name}.Properties.Events`);
  for (const type of types) {
    const entry = { Event: type, Function: getAtt(event.functionId, 'Arn'), ...(event.properties.Filter === undefined ? {} : { Filter: event.properties.Filter }) };
    lambdas.push(event.attributes.Condition === undefined ? entry : { 'Fn::If': [event.attributes.Condition, entry, { Ref: 'AWS::NoValue' }] });
  }
}
