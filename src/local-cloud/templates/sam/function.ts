import type { CfnResource, SamContext } from './context.ts';
import { getAtt, passthrough } from './context.ts';
import type { SamEvent } from './event.ts';
import { pick } from './event.ts';
import { eventInvokeConfig, executionRole, functionCode, functionUrl, tagList } from './function-parts.ts';
import type { SamGlobals } from './globals.ts';
import { withGlobals } from './globals.ts';
import { httpApiEvent } from './http-api-event.ts';
import type { HttpApiState } from './http-api.ts';
import { PULL_EVENT_TYPES, pullEvent } from './pull-events.ts';
import { restApiEvent } from './rest-api.ts';
import { ruleEvent, scheduleV2Event } from './rule-events.ts';
import { s3Event } from './s3-event.ts';
import { isPlainObject } from '../intrinsics.ts';

const TYPE = 'AWS::Serverless::Function';

/** Properties copied unchanged onto `AWS::Lambda::Function` (sam_resources.py `_construct_lambda_function`). */
const PASSED = [
  'FunctionName', 'Handler', 'Runtime', 'Description', 'MemorySize', 'Timeout', 'VpcConfig', 'Role', 'Environment', 'KmsKeyArn',
  'ReservedConcurrentExecutions', 'Layers', 'FileSystemConfigs', 'ImageConfig', 'PackageType', 'Architectures', 'SnapStart',
  'EphemeralStorage', 'CodeSigningConfigArn', 'RuntimeManagementConfig', 'LoggingConfig', 'TenancyConfig', 'RecursiveLoop', 'DurableConfig',
];

/** SAM-only properties this transform reads or, having no local meaning (IAM, versions, deployment), ignores. */
const HANDLED = new Set([
  ...PASSED, 'CodeUri', 'InlineCode', 'ImageUri', 'DeadLetterQueue', 'Tracing', 'Tags', 'Events', 'Policies', 'AssumeRolePolicyDocument',
  'RolePath', 'PermissionsBoundary', 'PropagateTags', 'AutoPublishAlias', 'AutoPublishCodeSha256', 'AutoPublishAliasAllProperties',
  'VersionDescription', 'VersionDeletionPolicy', 'ProvisionedConcurrencyConfig', 'FunctionUrlConfig', 'EventInvokeConfig', 'SourceKMSKeyArn',
  'PublishToLatestPublished', 'DeploymentPreference', 'CapacityProviderConfig', 'FunctionScalingConfig',
]);

/** Event types and what they become; the others are reported as unsupported. */
type EventHandler = (event: SamEvent, ctx: SamContext, apis: ReadonlyMap<string, HttpApiState>) => void;
const EVENT_HANDLERS: Readonly<Record<string, EventHandler>> = {
  ...Object.fromEntries(PULL_EVENT_TYPES.map((type) => [type, pullEvent])),
  S3: s3Event,
  EventBridgeRule: ruleEvent,
  CloudWatchEvent: ruleEvent,
  Schedule: ruleEvent,
  ScheduleV2: scheduleV2Event,
  HttpApi: httpApiEvent,
  Api: restApiEvent,
};

/**
 * `AWS::Serverless::Function` → `AWS::Lambda::Function` (same logical id), `<Function>Role` unless
 * `Role` is given, `<Function>Url`, `<Function>EventInvokeConfig`, and one or more resources per
 * event, with the logical ids AWS's SAM translator gives them.
 */
export function samFunction(logicalId: string, resource: CfnResource, globals: SamGlobals, ctx: SamContext, apis: ReadonlyMap<string, HttpApiState>): void {
  const p = withGlobals(globals, TYPE, resource.Properties ?? {}, resource.IgnoreGlobals);
  for (const key of Object.keys(p)) if (!HANDLED.has(key)) ctx.warn(logicalId, TYPE, `${key} is not a property of ${TYPE}; ignored`, key);
  if (p.DeploymentPreference !== undefined) ctx.warn(logicalId, TYPE, 'DeploymentPreference (gradual CodeDeploy rollout) has no local meaning: the code is live at once', 'DeploymentPreference');
  const attributes = passthrough(resource);
  const properties: Record<string, unknown> = { ...pick(p, PASSED), Code: functionCode(logicalId, p, ctx), Tags: tagList(p.Tags) };
  if (p.Role === undefined) properties.Role = getAtt(`${logicalId}Role`, 'Arn');
  if (p.Tracing !== undefined && p.Tracing !== 'Disabled') properties.TracingConfig = { Mode: p.Tracing };
  if (p.DeadLetterQueue !== undefined) properties.DeadLetterConfig = { TargetArn: deadLetterTarget(logicalId, p.DeadLetterQueue, ctx) };
  ctx.add(logicalId, { Type: 'AWS::Lambda::Function', Properties: properties, DependsOn: resource.DependsOn, Metadata: resource.Metadata, ...attributes });
  if (typeof p.AutoPublishAlias === 'string') {
    ctx.aliases.set(logicalId, aliasLogicalId(logicalId, p.AutoPublishAlias));
    ctx.add(aliasLogicalId(logicalId, p.AutoPublishAlias), alias(logicalId, p.AutoPublishAlias, attributes), logicalId);
  }
  else if (p.AutoPublishAlias !== undefined) ctx.warn(logicalId, TYPE, 'AutoPublishAlias given by an intrinsic: no alias resource is generated', 'AutoPublishAlias');
  if (p.FunctionUrlConfig !== undefined) functionUrl(logicalId, p.FunctionUrlConfig, attributes, ctx);
  if (p.EventInvokeConfig !== undefined) eventInvokeConfig(logicalId, p.EventInvokeConfig, attributes, ctx);
  if (p.Role === undefined) ctx.add(`${logicalId}Role`, executionRole(resource, p), logicalId);
  for (const event of events(logicalId, p.Events, attributes, ctx)) {
    const handler = EVENT_HANDLERS[event.type];
    if (handler === undefined) {
      ctx.unsupported.push({ logicalId: event.logicalId, type: `${TYPE} ${event.type} event`, reason: `the ${event.type} event source is not emulated locally` });
      continue;
    }
    handler(event, ctx, apis);
  }
}

/** The function's events, `$default` HttpApi routes first (SAM's order, so later routes reuse its permission). */
function events(functionId: string, declared: unknown, attributes: Partial<CfnResource>, ctx: SamContext): SamEvent[] {
  if (declared === undefined) return [];
  if (!isPlainObject(declared)) throw ctx.fail(functionId, 'Events must be a mapping', 'Events');
  const list = Object.entries(declared).map(([name, value]): SamEvent => {
    if (!isPlainObject(value) || typeof value.Type !== 'string') throw ctx.fail(functionId, 'an event needs a Type', `Events.${name}`);
    const properties = value.Properties ?? {};
    if (!isPlainObject(properties)) throw ctx.fail(functionId, 'Properties must be a mapping', `Events.${name}.Properties`);
    return { functionId, name, logicalId: `${functionId}${name}`, type: value.Type, properties: properties, attributes };
  });
  const sortKey = (event: SamEvent) => (typeof event.properties.Path === 'string' ? event.properties.Path : event.type === 'HttpApi' ? '$default' : event.name);
  return list.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/** SAM's alias id: `<Function>Alias<Name>`, `-` and `_` in the name spelt `D` and `U`. */
export function aliasLogicalId(functionId: string, name: string): string {
  return `${functionId}Alias${name.replace(/-/g, 'D').replace(/_/g, 'U')}`;
}

// Versions are not published locally: the alias points at $LATEST, i.e. it is the function.
function alias(functionId: string, name: string, attributes: Partial<CfnResource>): CfnResource {
  return { Type: 'AWS::Lambda::Alias', Properties: { Name: name, FunctionName: { Ref: functionId }, FunctionVersion: '$LATEST' }, ...attributes };
}

function deadLetterTarget(logicalId: string, dlq: unknown, ctx: SamContext): unknown {
  if (!isPlainObject(dlq) || (dlq.Type !== 'SQS' && dlq.Type !== 'SNS') || dlq.TargetArn === undefined) {
    throw ctx.fail(logicalId, "DeadLetterQueue needs Type (SQS or SNS) and TargetArn", 'DeadLetterQueue');
  }
  return dlq.TargetArn;
}
