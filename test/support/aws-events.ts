import type { APIGatewayProxyEventV2, AttributeValue, DynamoDBRecord, KinesisStreamRecord, SQSRecord } from 'aws-lambda';

/**
 * The AWS event fixtures of the unit and component tests, shaped as Lambda delivers them. App
 * fixtures build on these (e.g. a service item's stream record) rather than spelling events out.
 */

/** An SQS record with a receive count of 1. */
export function sqsRecord(messageId: string, body: string, attributes: Partial<SQSRecord['attributes']> = {}): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'local', ApproximateFirstReceiveTimestamp: '0', ...attributes },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:test',
    awsRegion: 'us-east-1',
  };
}

export interface StreamRecordInput {
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly sequenceNumber: string;
  readonly keys: Record<string, AttributeValue>;
  readonly newImage?: Record<string, AttributeValue>;
  readonly oldImage?: Record<string, AttributeValue>;
  /** Default `NEW_AND_OLD_IMAGES`. */
  readonly streamViewType?: NonNullable<DynamoDBRecord['dynamodb']>['StreamViewType'];
  /** Default a table named `test`. */
  readonly eventSourceARN?: string;
}

/** A DynamoDB stream record (DynamoDB JSON images). */
export function dynamoDbStreamRecord(input: StreamRecordInput): DynamoDBRecord {
  return {
    eventID: `event-${input.sequenceNumber}`,
    eventName: input.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      Keys: input.keys,
      ...(input.newImage && { NewImage: input.newImage }),
      ...(input.oldImage && { OldImage: input.oldImage }),
      SequenceNumber: input.sequenceNumber,
      SizeBytes: 200,
      StreamViewType: input.streamViewType ?? 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: input.eventSourceARN ?? 'arn:aws:dynamodb:us-east-1:000000000000:table/test/stream/2026-01-01T00:00:00.000',
  };
}

/** A Kinesis record carrying `data` (UTF-8, base64-encoded as Lambda sends it). */
export function kinesisRecord(data: string, sequenceNumber: string, partitionKey = 'key'): KinesisStreamRecord {
  return {
    kinesis: { kinesisSchemaVersion: '1.0', partitionKey, sequenceNumber, data: Buffer.from(data).toString('base64'), approximateArrivalTimestamp: 0 },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/test',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/test',
  };
}

export interface ApiEventInput {
  readonly method: string;
  /** The request path as sent (below the stage for a named stage). */
  readonly path: string;
  /** The matched route key; default `$default` (a catch-all route, or a hand-built direct Invoke). */
  readonly routeKey?: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  /** Default `$default`. */
  readonly stage?: string;
}

/** An API Gateway HTTP API (payload 2.0) event. */
export function apiEvent(input: ApiEventInput): APIGatewayProxyEventV2 {
  const stage = input.stage ?? '$default';
  const rawPath = stage === '$default' ? input.path : `/${stage}${input.path}`;
  return {
    version: '2.0',
    routeKey: input.routeKey ?? '$default',
    rawPath,
    rawQueryString: new URLSearchParams(input.query).toString(),
    headers: { 'content-type': 'application/json' },
    ...(input.query && { queryStringParameters: input.query }),
    ...(input.pathParameters && { pathParameters: input.pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: input.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'request',
      routeKey: input.routeKey ?? '$default',
      stage,
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
    ...(input.body !== undefined && { body: typeof input.body === 'string' ? input.body : JSON.stringify(input.body) }),
    isBase64Encoded: false,
  };
}
