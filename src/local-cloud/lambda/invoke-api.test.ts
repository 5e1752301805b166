import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { handleInvoke, lambdaErrorResponse, parseFunctionName } from './invoke-api.ts';
import { tooManyRequests } from './runner/errors.ts';
import { FunctionRunner } from './runner/function-runner.ts';

const runner = new FunctionRunner({ output: () => {} });
runner.register({
  name: 'counter',
  modulePath: fileURLToPath(new URL('../../../test/fixtures/functions/counter.ts', import.meta.url)),
  exportName: 'handler',
  environment: {},
  timeoutSeconds: 3,
  memoryMb: 128,
});
afterAll(() => runner.close());

const invocation = (name: string, init: RequestInit = {}, query = '') =>
  new Request(`http://localhost/2015-03-31/functions/${name}/invocations${query}`, { method: 'POST', ...init });

describe('parseFunctionName', () => {
  it.each([
    ['counter', 'counter', undefined],
    ['counter:$LATEST', 'counter', '$LATEST'],
    ['000000000000:function:counter', 'counter', undefined],
    ['arn:aws:lambda:us-east-1:000000000000:function:counter', 'counter', undefined],
    ['arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Acounter%3Alive', 'counter', 'live'],
  ])('%s', (input, name, qualifier) => {
    expect(parseFunctionName(input)).toEqual({ name, qualifier });
  });
});

describe('handleInvoke', () => {
  it('answers a DryRun with 204 and an empty body', async () => {
    const response = await handleInvoke(runner, 'counter', invocation('counter', { headers: { 'x-amz-invocation-type': 'DryRun' } }));

    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('treats an empty payload as {}', async () => {
    const response = await handleInvoke(runner, 'counter', invocation('counter'));

    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-executed-version')).toBe('$LATEST');
    expect(await response.json()).toEqual({ count: 1 });
  });

  it('knows only $LATEST: another qualifier is not found', async () => {
    const response = await handleInvoke(runner, 'counter', invocation('counter', {}, '?Qualifier=live'));

    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(await response.json()).toEqual({ Type: 'User', Message: `Function not found: ${runner.functionArn('counter')}:live` });
  });

  it('rejects an unknown invocation type', async () => {
    const response = await handleInvoke(runner, 'counter', invocation('counter', { headers: { 'x-amz-invocation-type': 'Later' } }));

    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException');
  });

  it('rejects invalid JSON with InvalidRequestContentException', async () => {
    const response = await handleInvoke(runner, 'counter', invocation('counter', { body: '{"a":' }));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ Type: 'User', message: expect.stringMatching(/^Could not parse request body into json/) });
  });
});

describe('lambdaErrorResponse', () => {
  it('shapes a throttle as AWS does', async () => {
    const response = lambdaErrorResponse(tooManyRequests(), 'req-1');

    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ Type: 'User', message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
  });

  it('turns an unexpected failure into a 500 ServiceException', async () => {
    const response = lambdaErrorResponse(new Error('disk full'), 'req-2');

    expect(response.status).toBe(500);
    expect(response.headers.get('x-amzn-errortype')).toBe('ServiceException');
    expect(await response.json()).toEqual({ Type: 'Service', Message: 'Error: disk full' });
  });
});
