import { TemplateError } from '../errors.ts';
import { intrinsicName, isPlainObject } from '../intrinsics.ts';

/**
 * The properties SAM lets `Globals` set, per section (samtranslator/plugins/globals/globals.py:
 * everything on a Function but Role, Policies, FunctionName and Events; a few on the others).
 */
const SUPPORTED: Readonly<Record<string, readonly string[]>> = {
  Function: [
    'Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig', 'Environment',
    'Tags', 'PropagateTags', 'Tracing', 'KmsKeyArn', 'AutoPublishAlias', 'AutoPublishAliasAllProperties', 'Layers',
    'DeploymentPreference', 'RolePath', 'PermissionsBoundary', 'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig',
    'AssumeRolePolicyDocument', 'EventInvokeConfig', 'FileSystemConfigs', 'CodeSigningConfigArn', 'Architectures', 'SnapStart',
    'EphemeralStorage', 'FunctionUrlConfig', 'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop', 'SourceKMSKeyArn',
    'TenancyConfig', 'DurableConfig', 'CapacityProviderConfig', 'FunctionScalingConfig', 'PublishToLatestPublished',
    'VersionDeletionPolicy',
  ],
  Api: [
    'Auth', 'Name', 'DefinitionUri', 'CacheClusterEnabled', 'CacheClusterSize', 'MergeDefinitions', 'Variables',
    'EndpointConfiguration', 'MethodSettings', 'BinaryMediaTypes', 'MinimumCompressionSize', 'Cors', 'GatewayResponses',
    'AccessLogSetting', 'CanarySetting', 'TracingEnabled', 'OpenApiVersion', 'Domain', 'AlwaysDeploy', 'PropagateTags',
    'SecurityPolicy', 'EndpointAccessMode',
  ],
  HttpApi: ['Auth', 'AccessLogSettings', 'StageVariables', 'Tags', 'CorsConfiguration', 'DefaultRouteSettings', 'Domain', 'RouteSettings', 'FailOnWarnings', 'PropagateTags'],
  SimpleTable: ['SSESpecification'],
  StateMachine: ['PropagateTags'],
  LayerVersion: ['PublishLambdaVersion'],
  CapacityProvider: ['VpcConfig', 'OperatorRole', 'Tags', 'InstanceRequirements', 'ScalingConfig', 'KmsKeyArn', 'PropagateTags'],
  WebSocketApi: [
    'AccessLogSettings', 'ApiKeySelectionExpression', 'DefaultRouteSettings', 'DisableExecuteApiEndpoint', 'DisableSchemaValidation',
    'Domain', 'FailOnWarnings', 'IpAddressType', 'PropagateTags', 'RouteSelectionExpression', 'RouteSettings', 'StageVariables', 'Tags',
  ],
};

/** Global properties per `AWS::Serverless::<Section>` type. */
export type SamGlobals = ReadonlyMap<string, Record<string, unknown>>;

/**
 * Reads a template's `Globals` section, refusing a section or property SAM does not allow (as the
 * translator does, so a template that deploys on AWS loads here and one that does not, does not).
 */
export function readGlobals(section: unknown, file: string): SamGlobals {
  const globals = new Map<string, Record<string, unknown>>();
  if (section === undefined) return globals;
  if (!isPlainObject(section)) throw new TemplateError('Globals must be a mapping', { file, logicalId: 'Globals' });
  for (const [name, properties] of Object.entries(section)) {
    const allowed = SUPPORTED[name];
    if (allowed === undefined) throw new TemplateError(`'${name}' is not supported; Globals sections are ${Object.keys(SUPPORTED).join(', ')}`, { file, logicalId: 'Globals', property: name });
    if (!isPlainObject(properties)) throw new TemplateError('must be a mapping', { file, logicalId: 'Globals', property: name });
    for (const key of Object.keys(properties)) {
      if (!allowed.includes(key)) throw new TemplateError(`'${key}' is not a supported property of '${name}' in Globals`, { file, logicalId: 'Globals', property: `${name}.${key}` });
    }
    globals.set(`AWS::Serverless::${name}`, properties);
  }
  return globals;
}

/**
 * SAM's merge of a global value into a local one: maps merge key by key, lists concatenate (global
 * first), anything else (scalars, intrinsics, mismatched kinds) — the local value wins.
 */
export function mergeGlobal(globalValue: unknown, localValue: unknown): unknown {
  if (localValue === undefined) return structuredClone(globalValue);
  const kind = (value: unknown) => (Array.isArray(value) ? 'list' : isPlainObject(value) && intrinsicName(value) === undefined ? 'map' : 'scalar');
  const globalKind = kind(globalValue);
  if (globalKind !== kind(localValue) || globalKind === 'scalar') return localValue;
  if (globalKind === 'list') return [...structuredClone(globalValue as unknown[]), ...(localValue as unknown[])];
  const merged: Record<string, unknown> = structuredClone(globalValue as Record<string, unknown>);
  for (const [key, value] of Object.entries(localValue as Record<string, unknown>)) merged[key] = mergeGlobal(merged[key], value);
  return merged;
}

/** A resource's properties with its type's globals merged in (`IgnoreGlobals` honoured). */
export function withGlobals(globals: SamGlobals, type: string, properties: Record<string, unknown>, ignore: unknown): Record<string, unknown> {
  const section = globals.get(type);
  if (section === undefined || ignore === '*') return properties;
  const skipped = Array.isArray(ignore) ? new Set(ignore.map(String)) : new Set<string>();
  const merged = { ...properties };
  for (const [key, value] of Object.entries(section)) {
    if (!skipped.has(key)) merged[key] = mergeGlobal(value, properties[key]);
  }
  return merged;
}
