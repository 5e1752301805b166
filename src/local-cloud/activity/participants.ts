/**
 * Names of the participants of an event's path, `<kind>:<name>`, derived from what a service has
 * at hand (a name, an ARN, the event a function is invoked with).
 */
export const participant = {
  queue: (name: string) => `queue:${name}`,
  fn: (name: string) => `function:${name}`,
  bus: (name: string) => `bus:${name}`,
  rule: (name: string) => `rule:${name}`,
  pipe: (name: string) => `pipe:${name}`,
  table: (name: string) => `table:${name}`,
  kinesis: (name: string) => `kinesis:${name}`,
  bucket: (name: string) => `bucket:${name}`,
  api: (id: string) => `api:${id}`,
} as const;

/** Whoever called without saying who they are: the Invoke API, an SDK, the dashboard. */
export const CLIENT = 'client';

/**
 * The participant an ARN names: a queue, a function, an event bus, a DynamoDB table (its stream
 * ARN too), a Kinesis stream; anything else is returned as it is.
 */
export function participantOfArn(arn: string): string {
  if (arn === '') return CLIENT;
  const parts = arn.split(':');
  const resource = parts.slice(5).join(':');
  switch (parts[2]) {
    case 'sqs':
      return participant.queue(resource);
    case 'lambda':
      return participant.fn(resource.replace(/^function:/, '').split(':')[0] ?? resource);
    case 'events':
      if (resource.startsWith('event-bus/')) return participant.bus(resource.slice('event-bus/'.length));
      return resource.startsWith('rule/') ? participant.rule(resource.split('/').at(-1)!) : arn;
    case 'scheduler':
      return `schedule:${resource.split('/').at(-1)}`;
    case 'dynamodb':
      return participant.table(/^table\/([^/]+)/.exec(resource)?.[1] ?? resource);
    case 'kinesis':
      return participant.kinesis(resource.replace(/^stream\//, '').split('/')[0] ?? resource);
    case 's3':
      return participant.bucket(resource.split('/')[0] ?? resource);
    default:
      return arn;
  }
}

/**
 * Who a function was invoked by, read from its event as Lambda's event sources shape it: an SQS,
 * DynamoDB-stream or Kinesis batch names its source ARN, an S3 notification its bucket, an API
 * Gateway request its API, an EventBridge event its bus; anything else is a client's call.
 */
export function invocationSource(event: unknown): string {
  if (typeof event !== 'object' || event === null) return CLIENT;
  const shaped = event as { Records?: unknown; requestContext?: { apiId?: unknown }; 'detail-type'?: unknown; source?: unknown };
  if (Array.isArray(shaped.Records)) {
    const first = shaped.Records[0] as { eventSourceARN?: unknown; s3?: { bucket?: { name?: unknown } } } | undefined;
    if (typeof first?.eventSourceARN === 'string') return participantOfArn(first.eventSourceARN);
    if (typeof first?.s3?.bucket?.name === 'string') return participant.bucket(first.s3.bucket.name);
  }
  if (typeof shaped.requestContext?.apiId === 'string') return participant.api(shaped.requestContext.apiId);
  if (typeof shaped['detail-type'] === 'string' && typeof shaped.source === 'string') return 'events';
  return CLIENT;
}
