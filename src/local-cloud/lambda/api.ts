import type { FunctionConfiguration, GetFunctionResponse, ListFunctionsResponse } from '@aws-sdk/client-lambda';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { arn } from '../identity.ts';
import { AwsServiceError, notImplemented } from '../protocol/errors.ts';
import { lambdaErrorResponse, parseFunctionName } from './invoke-api.ts';
import { functionNotFound, invalidParameter } from './runner/errors.ts';
import type { FunctionRunner } from './runner/function-runner.ts';

/** A Lambda REST path: `/<api version date>/…`, e.g. `/2015-03-31/functions/`. */
export const LAMBDA_API_VERSION = /^20\d\d-\d\d-\d\d$/;
/** ListFunctions' page size without MaxItems, and the largest MaxItems, as on AWS. */
const DEFAULT_MAX_ITEMS = 50;
const MAX_ITEMS = 10_000;
/** What a function registered without a runtime reports, as the topology's functions run on AWS. */
const DEFAULT_RUNTIME = 'nodejs20.x';

/**
 * Lambda's read API at its REST paths: ListFunctions (`GET /2015-03-31/functions/`, paged by
 * `Marker`/`MaxItems`), GetFunction (`GET …/functions/{name}`) and GetFunctionConfiguration
 * (`GET …/functions/{name}/configuration`), so `aws lambda list-functions` and SDK calls work. Any
 * other Lambda path answers Lambda's error shape with `NotImplemented` (501), never a bare 404.
 * Invoke has its own handler (invoke-api.ts).
 *
 * @example
 * app.all('/:version/*', (c) => handleLambdaApi(runner, c.req.raw));
 */
export async function handleLambdaApi(runner: FunctionRunner, request: Request): Promise<Response> {
  const requestId = randomUUID();
  try {
    const url = new URL(request.url);
    // a trailing slash names the same resource (`/functions/` is ListFunctions)
    const [, version, collection, name, sub, ...rest] = url.pathname.replace(/(.)\/$/, '$1').split('/').map(decodeSegment);
    if (request.method === 'GET' && version === '2015-03-31' && collection === 'functions' && rest.length === 0) {
      if (!name && sub === undefined) return json(listFunctions(runner, url.searchParams), requestId);
      if (name && sub === undefined) return json(getFunction(runner, name, url.searchParams.get('Qualifier')), requestId);
      if (name && sub === 'configuration') return json(configuration(runner, name, url.searchParams.get('Qualifier')), requestId);
    }
    throw notImplemented('Lambda', `${request.method} ${url.pathname}`);
  } catch (error) {
    return lambdaErrorResponse(error, requestId);
  }
}

function listFunctions(runner: FunctionRunner, query: URLSearchParams): ListFunctionsResponse {
  const maxItems = query.has('MaxItems') ? Number(query.get('MaxItems')) : DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_ITEMS) {
    throw invalidParameter(`1 validation error detected: Value '${query.get('MaxItems')}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and ${MAX_ITEMS}`);
  }
  const names = runner.list().sort();
  // The marker is the last name of the previous page, opaque to clients.
  const marker = query.get('Marker');
  const after = marker ? Buffer.from(marker, 'base64url').toString('utf8') : '';
  const rest = names.filter((name) => name > after);
  const page = rest.slice(0, maxItems);
  const next = rest.length > maxItems ? Buffer.from(page.at(-1)!, 'utf8').toString('base64url') : undefined;
  return { Functions: page.map((name) => configuration(runner, name, null)), ...(next && { NextMarker: next }) };
}

function getFunction(runner: FunctionRunner, name: string, qualifier: string | null): GetFunctionResponse {
  const config = configuration(runner, name, qualifier);
  const described = runner.describe(config.FunctionName!)!;
  // AWS answers a presigned URL of the deployment package; locally the code is the handler module.
  return { Configuration: config, Code: { RepositoryType: 'S3', Location: pathToFileURL(described.config.modulePath).href }, Tags: {} };
}

/** FunctionConfiguration of the unqualified function (`$LATEST`): versions are not emulated. */
function configuration(runner: FunctionRunner, nameOrArn: string, qualifierParam: string | null): FunctionConfiguration {
  const { name, qualifier: fromName } = parseFunctionName(nameOrArn);
  const qualifier = fromName ?? qualifierParam ?? undefined;
  const described = runner.describe(name);
  if (!described || (qualifier !== undefined && qualifier !== '$LATEST')) {
    const functionArn = runner.functionArn(name);
    throw functionNotFound(qualifier ? `${functionArn}:${qualifier}` : functionArn);
  }
  const { config, lastModified } = described;
  return {
    FunctionName: config.name,
    FunctionArn: runner.functionArn(config.name),
    Runtime: (config.runtime ?? DEFAULT_RUNTIME) as FunctionConfiguration['Runtime'],
    Role: arn('iam', `role/${config.name}-role`, ''),
    // As declared; else Lambda's `<module>.<export>` with the module's absolute path (the runner's _HANDLER).
    Handler: config.handler ?? `${config.modulePath}.${config.exportName}`,
    CodeSize: 0,
    Description: '',
    Timeout: config.timeoutSeconds,
    MemorySize: config.memoryMb,
    LastModified: lambdaTimestamp(lastModified),
    Version: '$LATEST',
    Environment: { Variables: { ...config.environment } },
    TracingConfig: { Mode: 'PassThrough' },
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: [process.arch === 'arm64' ? 'arm64' : 'x86_64'],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${config.name}` },
  };
}

/** Lambda's `LastModified` format: `2024-05-01T12:00:00.000+0000`. */
function lambdaTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

function json(body: unknown, requestId: string): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId } });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AwsServiceError('InvalidParameterValueException', `The path segment ${segment} is not valid URL encoding.`);
  }
}
