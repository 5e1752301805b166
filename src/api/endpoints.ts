/** Where each service of a running local cloud answers. */
export interface CloudEndpoints {
  /** The main port: every emulated AWS API (DynamoDB proxied), HTTP APIs, function URLs, `/_eventloom/`. */
  readonly url: string;
  /** DynamoDB Local itself (DynamoDB and DynamoDB Streams). */
  readonly dynamodb: string;
  readonly sqs: string;
  readonly eventbridge: string;
  readonly lambda: string;
  readonly s3: string;
  readonly kinesis: string;
  readonly cloudformation: string;
  readonly logs: string;
  readonly scheduler: string;
  /** The dashboard page. */
  readonly dashboard: string;
  /** `GET` it to wait until the cloud is quiet: `?timeoutMs=<ms>`. */
  readonly settled: string;
}

/** The endpoints of a cloud, from its env file's variables (cloud.ts `sdkEnvironment`). */
export function endpointsOf(url: string, env: Readonly<Record<string, string>>): CloudEndpoints {
  const at = (key: string) => env[key] ?? url;
  return {
    url,
    dynamodb: at('AWS_ENDPOINT_URL_DYNAMODB'),
    sqs: at('AWS_ENDPOINT_URL_SQS'),
    eventbridge: at('AWS_ENDPOINT_URL_EVENTBRIDGE'),
    lambda: at('AWS_ENDPOINT_URL_LAMBDA'),
    s3: at('AWS_ENDPOINT_URL_S3'),
    kinesis: at('AWS_ENDPOINT_URL_KINESIS'),
    cloudformation: at('AWS_ENDPOINT_URL_CLOUDFORMATION'),
    logs: at('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'),
    scheduler: at('AWS_ENDPOINT_URL_SCHEDULER'),
    dashboard: `${url}/_eventloom/`,
    settled: `${url}/_eventloom/settled`,
  };
}
