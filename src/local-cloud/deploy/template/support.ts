/** Resource types the local cloud runs (specs/templates.md). */
const EMULATED = new Set([
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::Url',
  'AWS::SQS::Queue',
  'AWS::DynamoDB::Table',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::Pipes::Pipe',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::S3::Bucket',
  'Custom::S3BucketNotifications',
  'AWS::Kinesis::Stream',
  'AWS::Scheduler::Schedule',
  'AWS::Scheduler::ScheduleGroup',
]);

/** Types that only matter on AWS (permissions, logs, CDK bookkeeping): accepted silently, nothing to run. */
const NO_OPS = [/^AWS::IAM::/, /^AWS::KMS::/, /^AWS::Lambda::(Permission|Version|Alias)$/, /^AWS::SQS::QueuePolicy$/, /^AWS::S3::BucketPolicy$/, /^AWS::Logs::LogGroup$/, /^AWS::CDK::Metadata$/, /^Custom::(LogRetention|S3AutoDeleteObjects)$/, /^AWS::ApiGatewayV2::(Stage|Deployment)$/];

export type ResourceSupport = 'emulated' | 'no-op' | 'unsupported';

export function classifyResourceType(type: string): ResourceSupport {
  if (EMULATED.has(type)) return 'emulated';
  if (NO_OPS.some((pattern) => pattern.test(type))) return 'no-op';
  return 'unsupported';
}
