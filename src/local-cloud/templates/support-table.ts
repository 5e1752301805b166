/**
 * What the local cloud emulates (specs/templates.md, "What the loader understands"): per resource
 * type, the properties that matter. A dotted entry (`NotificationConfiguration.LambdaConfigurations`)
 * limits what is understood inside that property.
 */
export const EMULATED: Readonly<Record<string, readonly string[]>> = {
  'AWS::Lambda::Function': ['Code', 'Handler', 'Runtime', 'Environment', 'Timeout', 'MemorySize', 'FunctionName', 'ReservedConcurrentExecutions', 'DeadLetterConfig'],
  'AWS::Lambda::EventSourceMapping': [
    'EventSourceArn', 'FunctionName', 'BatchSize', 'StartingPosition', 'FilterCriteria', 'MaximumBatchingWindowInSeconds', 'FunctionResponseTypes',
    'MaximumRetryAttempts', 'BisectBatchOnFunctionError', 'MaximumRecordAgeInSeconds', 'ParallelizationFactor', 'ScalingConfig', 'DestinationConfig', 'Enabled',
  ],
  'AWS::Lambda::EventInvokeConfig': ['FunctionName', 'Qualifier', 'DestinationConfig', 'MaximumRetryAttempts', 'MaximumEventAgeInSeconds'],
  'AWS::Lambda::Url': ['TargetFunctionArn', 'AuthType', 'Cors', 'Qualifier'],
  'AWS::SQS::Queue': ['QueueName', 'RedrivePolicy', 'VisibilityTimeout', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'DelaySeconds'],
  'AWS::DynamoDB::Table': [
    'KeySchema', 'AttributeDefinitions', 'BillingMode', 'ProvisionedThroughput', 'StreamSpecification', 'GlobalSecondaryIndexes', 'LocalSecondaryIndexes',
    'TimeToLiveSpecification', 'TableName',
  ],
  'AWS::Events::EventBus': ['Name'],
  'AWS::Events::Rule': ['Name', 'EventPattern', 'EventBusName', 'State', 'ScheduleExpression', 'Targets'],
  'AWS::Pipes::Pipe': ['Name', 'Source', 'SourceParameters', 'Enrichment', 'Target', 'TargetParameters'],
  'AWS::ApiGatewayV2::Api': ['Name', 'ProtocolType', 'CorsConfiguration', 'Body', 'Target', 'RouteKey'],
  'AWS::ApiGatewayV2::Route': ['ApiId', 'RouteKey', 'Target'],
  'AWS::ApiGatewayV2::Integration': ['ApiId', 'IntegrationType', 'IntegrationUri', 'PayloadFormatVersion'],
  'AWS::S3::Bucket': ['BucketName', 'NotificationConfiguration', 'NotificationConfiguration.LambdaConfigurations'],
  'Custom::S3BucketNotifications': ['ServiceToken', 'BucketName', 'NotificationConfiguration', 'NotificationConfiguration.LambdaFunctionConfigurations', 'Managed', 'SkipDestinationValidation'],
  'AWS::Kinesis::Stream': ['Name', 'ShardCount', 'RetentionPeriodHours', 'StreamModeDetails'],
  'AWS::Scheduler::Schedule': ['Name', 'GroupName', 'ScheduleExpression', 'FlexibleTimeWindow', 'Target'],
  'AWS::Scheduler::ScheduleGroup': ['Name'],
};

/**
 * Properties accepted without a warning because they only matter on AWS: permissions, encryption,
 * tags, descriptions, CPU architecture, networking, metrics and logging settings.
 */
export const AWS_ONLY: Readonly<Record<string, readonly string[]>> = {
  '*': ['Description', 'Tags'],
  'AWS::Lambda::Function': [
    'Role', 'Architectures', 'KmsKeyArn', 'TracingConfig', 'LoggingConfig', 'RuntimeManagementConfig', 'CodeSigningConfigArn', 'EphemeralStorage',
    'PackageType', 'VpcConfig', 'SnapStart', 'RecursiveLoop',
  ],
  'AWS::Lambda::EventSourceMapping': ['KmsKeyArn', 'MetricsConfig', 'ProvisionedPollerConfig', 'LoggingConfig'],
  'AWS::SQS::Queue': ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'],
  'AWS::DynamoDB::Table': [
    'SSESpecification', 'PointInTimeRecoverySpecification', 'DeletionProtectionEnabled', 'TableClass', 'ContributorInsightsSpecification',
    'OnDemandThroughput', 'WarmThroughput', 'ResourcePolicy',
  ],
  'AWS::Events::EventBus': ['KmsKeyIdentifier', 'Policy'],
  'AWS::Events::Rule': ['RoleArn'],
  'AWS::Pipes::Pipe': ['RoleArn', 'LogConfiguration', 'KmsKeyIdentifier'],
  'AWS::ApiGatewayV2::Api': ['Version', 'DisableExecuteApiEndpoint', 'FailOnWarnings', 'CredentialsArn', 'IpAddressType', 'DisableSchemaValidation'],
  'AWS::ApiGatewayV2::Route': ['AuthorizationType', 'OperationName', 'ApiKeyRequired'],
  'AWS::ApiGatewayV2::Integration': ['IntegrationMethod', 'CredentialsArn', 'ConnectionType'],
  'AWS::S3::Bucket': [
    'BucketEncryption', 'PublicAccessBlockConfiguration', 'OwnershipControls', 'AccessControl', 'LoggingConfiguration', 'MetricsConfigurations',
    'AnalyticsConfigurations', 'IntelligentTieringConfigurations', 'InventoryConfigurations', 'AccelerateConfiguration',
  ],
  'AWS::Kinesis::Stream': ['StreamEncryption', 'DesiredShardLevelMetrics'],
  'AWS::Scheduler::Schedule': ['KmsKeyArn'],
};

/** Types that only matter on AWS, accepted as no-ops (`*` ends a prefix). */
export const NO_OP: readonly string[] = [
  'AWS::IAM::*',
  'AWS::KMS::*',
  'AWS::Lambda::Permission',
  'AWS::SQS::QueuePolicy',
  'AWS::S3::BucketPolicy',
  'AWS::Logs::LogGroup',
  'AWS::CDK::Metadata',
  'Custom::LogRetention',
  'Custom::S3AutoDeleteObjects',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Deployment',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
];
