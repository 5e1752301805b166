import { Hono } from 'hono';
import { createCloudFormationApi } from './cloudformation/index.ts';
import { mountDashboard, type Dashboard } from './dashboard/index.ts';
import type { Pipe } from './pipes/pipe.ts';
import type { StackRegistry } from './deploy/stack-record.ts';
import { StackRecords } from './deploy/stack-registry.ts';
import { createEventBridgeApi } from './eventbridge/index.ts';
import { inspect, traceKey } from './inspector.ts';
import { nameStreamByArn } from './kinesis/stream-arn.ts';
import { handleLambdaApi, LAMBDA_API_VERSION } from './lambda/api.ts';
import { handleInvoke } from './lambda/invoke-api.ts';
import { arn } from './identity.ts';
import { createLogsApi } from './logs/index.ts';
import { awsJsonError, handleAwsJson, routeAwsJson, type AwsJsonService } from './protocol/aws-json.ts';
import { handleAwsQuery, isAwsQueryRequest, type AwsQueryService } from './protocol/aws-query.ts';
import { AwsServiceError } from './protocol/errors.ts';
import { closeAfterRefusedBody } from './protocol/body.ts';
import { MAX_REQUEST_DEPTH } from './protocol/json-depth.ts';
import { proxyRequest } from './protocol/proxy.ts';
import type { CloudServices } from './services.ts';
import { DYNAMODB_MAX_DEPTH, DYNAMODB_MAX_REQUEST_BYTES } from './dynamodb/raw-proxy.ts';
import { writtenTables } from './dynamodb/written-tables.ts';
import { handleSchedulerApi } from './scheduler/index.ts';
import { mountSettled } from './settle/http.ts';
import type { SettleOptions } from './settle/settle.ts';
import { createSqsApi, createSqsQueryApi } from './sqs/index.ts';

export interface CloudServerOptions {
  services: CloudServices;
  dynamoDbEndpoint: string;
  /** Apps and template stacks: the inspector lists their pipes. */
  deployed: () => readonly { readonly pipes: readonly Pipe[] }[];
  /** The stacks the CloudFormation API serves; default none. */
  stacks?: StackRegistry;
  /** The page and JSON API under `/_eventloom/`; default none. */
  dashboard?: Dashboard;
  /** Serves `GET /_eventloom/settled`; default none. */
  settled?: (options: SettleOptions) => Promise<void>;
}

const DYNAMODB_TARGETS = ['DynamoDB_20120810', 'DynamoDBStreams_20120810'];
/** DynamoDB requests on HTTP/2 connections (HTTP/1.1 ones take dynamodb/raw-proxy.ts), with the same limits. */
const DYNAMODB_PROXY = {
  errorNamespace: 'com.amazonaws.dynamodb.v20120810',
  jsonVersion: '1.0',
  maxRequestBytes: DYNAMODB_MAX_REQUEST_BYTES,
  maxDepth: { depth: DYNAMODB_MAX_DEPTH, error: () => new AwsServiceError('ValidationException', 'Nesting Levels have exceeded supported limits') },
} as const;
/** Kinesis' largest request, PutRecords, carries 5 MiB of records, base64 in JSON (×4/3) plus framing; its documents are shallow. */
const KINESIS_PROXY = {
  errorNamespace: 'com.amazonaws.kinesis',
  jsonVersion: '1.1',
  maxRequestBytes: 8 * 1_048_576,
  maxDepth: { depth: MAX_REQUEST_DEPTH, error: () => new AwsServiceError('SerializationException', `The request body nests deeper than ${MAX_REQUEST_DEPTH} levels.`) },
} as const;

/**
 * The local cloud's one HTTP endpoint: AWS JSON services routed by `X-Amz-Target` (DynamoDB and
 * Streams proxied to DynamoDB Local, Kinesis to kinesalite), awsQuery services for form-encoded
 * requests (SQS's legacy protocol, CloudFormation), Lambda Invoke and its read API, HTTP APIs under
 * `/apis/<api-id>`, and the inspector under `/_eventloom`.
 */
export function createCloudServer(options: CloudServerOptions): Hono {
  const { services } = options;
  const awsServices: AwsJsonService[] = [createSqsApi(services.sqs), createEventBridgeApi(services.eventBridge)];
  const queryServices: AwsQueryService[] = [createSqsQueryApi(services.sqs), createCloudFormationApi(options.stacks ?? new StackRecords())];
  awsServices.push(createLogsApi(services.logs));
  const app = new Hono();
  app.use(closeAfterRefusedBody);
  app.get('/_eventloom/health', (c) => c.json({ status: 'ok' }));
  app.get('/_eventloom/inspect', async (c) => c.json(await inspect(services, options.deployed())));
  app.get('/_eventloom/trace/:key', (c) => c.json(traceKey(services, c.req.param('key'))));
  if (options.settled) mountSettled(app, options.settled);
  if (options.dashboard) mountDashboard(app, options.dashboard);

  // Asynchronous invocations go through the durable outbox: they survive a crash and get Lambda's retries.
  const enqueueAsync = (name: string, event: unknown) => services.dispatcher.invokeAsync(arn('lambda', `function:${name}`), JSON.stringify(event));
  app.post('/2015-03-31/functions/:name/invocations', (c) =>
    // The name as routed (percent-decoded where valid): handleInvoke answers a malformed one with a 400.
    handleInvoke(services.runner, c.req.param('name'), c.req.raw, { logger: services.logger, enqueueAsync }),
  );

  app.all('/apis/:apiId/*', (c) => {
    const apiId = c.req.param('apiId');
    const prefix = `/apis/${apiId}`;
    const path = new URL(c.req.url).pathname.slice(prefix.length) || '/';
    return services.gateway.handle(apiId, c.req.raw, path, '127.0.0.1');
  });
  app.all('/apis/:apiId', (c) => services.gateway.handle(c.req.param('apiId'), c.req.raw, '/', '127.0.0.1'));

  // Lambda function URLs: `http://127.0.0.1:<port>/lambda-url/<urlId>/…` stands for `https://<urlId>.lambda-url.<region>.on.aws/…`.
  app.all('/lambda-url/:urlId/*', (c) => {
    const prefix = `/lambda-url/${c.req.param('urlId')}`;
    return services.functionUrls.handle(c.req.param('urlId'), c.req.raw, new URL(c.req.url).pathname.slice(prefix.length) || '/', '127.0.0.1');
  });
  app.all('/lambda-url/:urlId', (c) => services.functionUrls.handle(c.req.param('urlId'), c.req.raw, '/', '127.0.0.1'));

  // EventBridge Scheduler's REST-JSON API (its tag operations answer NotImplemented).
  for (const path of ['/schedules', '/schedules/*', '/schedule-groups', '/schedule-groups/*']) app.all(path, (c) => handleSchedulerApi(services.scheduler, c.req.raw));
  app.all('/tags/:arn{.+}', (c, next) =>
    decodeURIComponent(c.req.param('arn')).startsWith('arn:aws:scheduler:') ? handleSchedulerApi(services.scheduler, c.req.raw) : next(),
  );

  // Lambda's read API; any other Lambda REST path (`/2015-03-31/…`, `/2019-09-25/…`) answers NotImplemented, not a bare 404.
  app.all('/:version/*', (c, next) => (LAMBDA_API_VERSION.test(c.req.param('version')) ? handleLambdaApi(services.runner, c.req.raw) : next()));
  // awsQuery (SQS's legacy protocol, CloudFormation) also comes as a GET with `?Action=…`.
  app.get('*', (c, next) => (isAwsQueryRequest(c.req.raw) ? handleAwsQuery(queryServices, c.req.raw) : next()));

  app.post('*', async (c) => {
    if (isAwsQueryRequest(c.req.raw)) return handleAwsQuery(queryServices, c.req.raw);
    const target = c.req.header('x-amz-target') ?? null;
    if (target && DYNAMODB_TARGETS.some((prefix) => target.startsWith(`${prefix}.`))) {
      const operation = target.startsWith('DynamoDB_20120810.') ? target.slice('DynamoDB_20120810.'.length) : undefined;
      // A write to a table with a stream wakes that stream's readers now instead of at their next idle poll.
      const onOk = operation && ((json: string | undefined) => services.streamFeeds.wake(writtenTables(operation, json ?? '')));
      return proxyRequest(c.req.raw, { endpoint: options.dynamoDbEndpoint, ...DYNAMODB_PROXY }, undefined, onOk || undefined);
    }
    if (target?.startsWith('Kinesis_20131202.')) {
      // Only JSON names a stream by ARN in a way to rewrite; CBOR (binary) bodies pass byte for byte.
      return proxyRequest(c.req.raw, { endpoint: services.kinesis.endpoint, ...KINESIS_PROXY }, nameStreamByArn);
    }
    const service = routeAwsJson(awsServices, target);
    if (!service) {
      const unknown = new AwsServiceError('UnknownOperationException', `No local service handles X-Amz-Target "${target ?? ''}".`);
      return awsJsonError(awsServices[0]!, unknown, 'application/x-amz-json-1.0');
    }
    return handleAwsJson(service, c.req.raw);
  });
  app.notFound((c) => c.json({ message: `No local endpoint for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  return app;
}

