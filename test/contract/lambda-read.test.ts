import {
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  paginateListFunctions,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { Hono } from 'hono';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLambdaApi, LAMBDA_API_VERSION } from '../../src/local-cloud/lambda/api.ts';
import { FunctionRunner } from '../../src/local-cloud/lambda/runner/index.ts';
import { listen, type RunningServer } from '../../src/local-cloud/protocol/server.ts';
import { testCredentials } from '../support/cloud.ts';

// Lambda's read API through the real @aws-sdk/client-lambda, mounted as the cloud server mounts it.
const echo = fileURLToPath(new URL('../fixtures/functions/echo.ts', import.meta.url));
const runner = new FunctionRunner({ output: () => {} });
let server: RunningServer;
let lambda: LambdaClient;

beforeAll(async () => {
  runner.register({ name: 'orders-api', modulePath: echo, exportName: 'handler', environment: { TABLE_NAME: 'orders' }, timeoutSeconds: 6, memoryMb: 256, aliases: ['orders-local'], runtime: 'nodejs22.x', handler: 'index.handler' });
  for (const name of ['a-one', 'b-two', 'c-three']) runner.register({ name, modulePath: echo, exportName: 'handler', environment: {}, timeoutSeconds: 3, memoryMb: 128 });
  const app = new Hono();
  app.all('/:version/*', (c, next) => (LAMBDA_API_VERSION.test(c.req.param('version')) ? handleLambdaApi(runner, c.req.raw) : next()));
  server = await listen(app);
  lambda = new LambdaClient({ endpoint: server.url, region: 'us-east-1', credentials: testCredentials, maxAttempts: 1 });
});

afterAll(async () => {
  lambda?.destroy();
  await server?.close();
  await runner.close();
});

describe('Lambda contract: read API', () => {
  it('GetFunctionConfiguration answers name, ARN, runtime, handler, timeout, memory, environment and state', async () => {
    const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'orders-api' }));

    expect(configuration).toMatchObject({
      FunctionName: 'orders-api',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:orders-api',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Timeout: 6,
      MemorySize: 256,
      Environment: { Variables: { TABLE_NAME: 'orders' } },
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
      Version: '$LATEST',
    });
    expect(configuration.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  it('reports nodejs20.x and `<module path>.<export>` for a function registered without runtime or handler', async () => {
    const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'a-one' }));

    expect(configuration).toMatchObject({ Runtime: 'nodejs20.x', Handler: `${echo}.handler` });
  });

  it('GetFunction answers the configuration and the code location, by name, ARN or local alias', async () => {
    const byName = await lambda.send(new GetFunctionCommand({ FunctionName: 'orders-api' }));
    const byArn = await lambda.send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:orders-api' }));
    const byAlias = await lambda.send(new GetFunctionCommand({ FunctionName: 'orders-local' }));

    expect(byName.Configuration?.FunctionName).toBe('orders-api');
    expect(byName.Code).toMatchObject({ RepositoryType: 'S3', Location: expect.stringMatching(/^file:\/\/.*echo\.ts$/) });
    expect(byArn.Configuration?.FunctionName).toBe('orders-api');
    expect(byAlias.Configuration?.FunctionName).toBe('orders-api');
  });

  it('answers ResourceNotFoundException for an unknown function or a qualifier other than $LATEST', async () => {
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'missing' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'orders-api', Qualifier: '3' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'orders-api', Qualifier: '$LATEST' }))).Configuration?.FunctionName).toBe('orders-api');
  });

  it('ListFunctions lists every function, paged by MaxItems and Marker', async () => {
    const all = await lambda.send(new ListFunctionsCommand({}));
    const pages: string[][] = [];
    for await (const page of paginateListFunctions({ client: lambda, pageSize: 3 }, {})) pages.push((page.Functions ?? []).map((f) => f.FunctionName!));

    expect(all.Functions?.map((f) => f.FunctionName)).toEqual(['a-one', 'b-two', 'c-three', 'orders-api']);
    expect(all.NextMarker).toBeUndefined();
    expect(pages).toEqual([['a-one', 'b-two', 'c-three'], ['orders-api']]);
    await expect(lambda.send(new ListFunctionsCommand({ MaxItems: 0 }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
  });

  it('answers NotImplemented (501) in Lambda’s error shape for any other Lambda operation', async () => {
    for (const command of [new ListAliasesCommand({ FunctionName: 'orders-api' }), new GetAccountSettingsCommand({}), new ListEventSourceMappingsCommand({})]) {
      await expect(lambda.send(command as never)).rejects.toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
    }
  });
});
