import { resolve } from 'node:path';
import type { CfnResource, SamContext } from './context.ts';
import { getAtt, permission, ref } from './context.ts';
import { assumeRole } from './rule-events.ts';
import { isPlainObject } from '../intrinsics.ts';

/** `Code` from `InlineCode`, `CodeUri` or `ImageUri`. A local `CodeUri` becomes `LocalPath`, absolute. */
export function functionCode(logicalId: string, p: Record<string, unknown>, ctx: SamContext): Record<string, unknown> {
  if (p.PackageType === 'Image') return { ImageUri: p.ImageUri };
  // SAM's precedence: InlineCode before CodeUri (a global CodeUri then does not matter).
  if (p.InlineCode !== undefined) return { ZipFile: p.InlineCode };
  const uri = p.CodeUri ?? '.';
  if (isPlainObject(uri) && uri.Bucket !== undefined) return { S3Bucket: uri.Bucket, S3Key: uri.Key, S3ObjectVersion: uri.Version };
  if (typeof uri === 'string' && uri.startsWith('s3://')) {
    const [bucket, ...key] = uri.slice('s3://'.length).split('/');
    return { S3Bucket: bucket, S3Key: key.join('/') };
  }
  if (typeof uri !== 'string') throw ctx.fail(logicalId, 'CodeUri must be a local path, an s3:// URI or { Bucket, Key }', 'CodeUri');
  return { LocalPath: resolve(ctx.dir, uri) };
}

/** The execution role SAM generates as `<Function>Role` when the function gives no `Role`. */
export function executionRole(resource: CfnResource, p: Record<string, unknown>): CfnResource {
  const policies = [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }];
  return {
    Type: 'AWS::IAM::Role',
    Properties: { AssumeRolePolicyDocument: p.AssumeRolePolicyDocument ?? assumeRole('lambda.amazonaws.com'), ManagedPolicyArns: policies, Tags: tagList(p.Tags) },
    Condition: resource.Condition,
  };
}

/** `FunctionUrlConfig` → `<Function>Url`, plus the two public permissions when `AuthType: NONE`. */
export function functionUrl(logicalId: string, config: unknown, attributes: Partial<CfnResource>, ctx: SamContext): void {
  if (!isPlainObject(config)) throw ctx.fail(logicalId, 'FunctionUrlConfig must be a mapping', 'FunctionUrlConfig');
  if (config.AuthType !== 'NONE' && config.AuthType !== 'AWS_IAM' && !isPlainObject(config.AuthType)) {
    throw ctx.fail(logicalId, 'FunctionUrlConfig needs AuthType: AWS_IAM or NONE', 'FunctionUrlConfig.AuthType');
  }
  ctx.add(`${logicalId}Url`, {
    Type: 'AWS::Lambda::Url',
    Properties: { AuthType: config.AuthType, Cors: config.Cors, InvokeMode: config.InvokeMode, TargetFunctionArn: ref(logicalId) },
    ...attributes,
  }, logicalId);
  if (config.AuthType !== 'NONE') return;
  ctx.add(`${logicalId}UrlPublicPermissions`, permission(logicalId, '*', { Action: 'lambda:InvokeFunctionUrl', FunctionUrlAuthType: 'NONE' }, attributes), logicalId);
  ctx.add(`${logicalId}URLInvokeAllowPublicAccess`, permission(logicalId, '*', { InvokedViaFunctionUrl: true }, attributes), logicalId);
}

const DESTINATION_TYPES = ['SQS', 'SNS', 'EventBridge', 'Lambda', 'S3Bucket'];

/**
 * `EventInvokeConfig` → `<Function>EventInvokeConfig` (`Qualifier: $LATEST`). An `SQS` or `SNS`
 * destination without `Destination` is generated as `<Function>EventInvokeConfig<OnSuccess|OnFailure><Queue|Topic>`.
 */
export function eventInvokeConfig(logicalId: string, config: unknown, attributes: Partial<CfnResource>, ctx: SamContext): void {
  if (!isPlainObject(config)) throw ctx.fail(logicalId, 'EventInvokeConfig must be a mapping', 'EventInvokeConfig');
  const configId = `${logicalId}EventInvokeConfig`;
  const destinations: Record<string, unknown> = {};
  const given = isPlainObject(config.DestinationConfig) ? config.DestinationConfig : {};
  for (const outcome of ['OnSuccess', 'OnFailure'] as const) {
    const destination = given[outcome];
    if (destination === undefined) continue;
    const where = `EventInvokeConfig.DestinationConfig.${outcome}`;
    if (!isPlainObject(destination) || typeof destination.Type !== 'string' || !DESTINATION_TYPES.includes(destination.Type)) {
      throw ctx.fail(logicalId, `Type must be one of ${DESTINATION_TYPES.join(', ')}`, `${where}.Type`);
    }
    let arn = destination.Destination;
    if (arn === undefined) {
      if (destination.Type !== 'SQS' && destination.Type !== 'SNS') throw ctx.fail(logicalId, 'Destination is required unless Type is SQS or SNS', where);
      const generated = `${configId}${outcome}${destination.Type === 'SQS' ? 'Queue' : 'Topic'}`;
      ctx.add(generated, { Type: destination.Type === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic', ...attributes }, logicalId);
      arn = destination.Type === 'SQS' ? getAtt(generated, 'Arn') : ref(generated);
    }
    destinations[outcome] = { Destination: arn };
  }
  ctx.add(configId, {
    Type: 'AWS::Lambda::EventInvokeConfig',
    Properties: {
      FunctionName: ref(logicalId),
      Qualifier: '$LATEST',
      DestinationConfig: destinations,
      MaximumEventAgeInSeconds: config.MaximumEventAgeInSeconds,
      MaximumRetryAttempts: config.MaximumRetryAttempts,
    },
    ...attributes,
  }, logicalId);
}

/** SAM's tag list: `lambda:createdBy: SAM` first, then the user's tags. */
export function tagList(tags: unknown): { Key: string; Value: unknown }[] {
  const user = isPlainObject(tags) ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : [];
  return [{ Key: 'lambda:createdBy', Value: 'SAM' }, ...user];
}
