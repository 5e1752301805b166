import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { deployStack, type DeployedStack } from '../../src/local-cloud/deploy/deploy-stack.ts';
import { startTestCloud } from '../support/cloud.ts';
import { fixtureFunction, handBuiltStack } from '../support/stack-source.ts';

// Lambda function URLs on the main port, deployed from a FunctionUrlPlan of a hand-built stack.
const ids = { echo: 'a'.repeat(32), response: 'b'.repeat(32), failing: 'c'.repeat(32), cors: 'd'.repeat(32), iam: 'e'.repeat(32) };
const stack = handBuiltStack('urls', {
  compute: () => ({
    functions: [
      fixtureFunction('urls-echo', 'http.ts', 'echoHandler'),
      fixtureFunction('urls-response', 'http.ts', 'responseHandler'),
      fixtureFunction('urls-failing', 'http.ts', 'throwHandler'),
    ],
    functionUrls: [
      { functionName: 'urls-echo', urlId: ids.echo, authType: 'NONE' },
      { functionName: 'urls-response', urlId: ids.response, authType: 'NONE' },
      { functionName: 'urls-failing', urlId: ids.failing, authType: 'NONE' },
      { functionName: 'urls-echo', urlId: ids.cors, authType: 'NONE', cors: { allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'POST'], allowHeaders: ['content-type'], maxAgeSeconds: 300 } },
      { functionName: 'urls-echo', urlId: ids.iam, authType: 'AWS_IAM' },
    ],
  }),
});

let cloud: LocalCloud;
let deployed: DeployedStack;
const url = (id: string, path = '/') => `${cloud.url}/lambda-url/${id}${path}`;
const echo = async (response: Response) => (await response.json()) as APIGatewayProxyEventV2 & { requestContext: { authorizer?: { iam: Record<string, unknown> } } };

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [] });
  deployed = await deployStack(stack, cloud.services);
});

afterAll(async () => {
  await deployed?.stop();
  await cloud?.stop();
});

describe('function URLs', () => {
  it('hands the function AWS\'s function-URL event (payload 2.0, route $default, the URL\'s AWS domain)', async () => {
    const response = await fetch(url(ids.echo, '/items/42?a=1&a=2'), { headers: { cookie: 'session=abc', 'x-custom': 'yes' } });
    const event = await echo(response);

    expect(response.status).toBe(200);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/items/42',
      rawQueryString: 'a=1&a=2',
      queryStringParameters: { a: '1,2' },
      cookies: ['session=abc'],
      headers: expect.objectContaining({ 'x-custom': 'yes' }),
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: ids.echo,
        domainName: `${ids.echo}.lambda-url.us-east-1.on.aws`,
        domainPrefix: ids.echo,
        http: { method: 'GET', path: '/items/42', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
        routeKey: '$default',
        stage: '$default',
      },
    });
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('serves the URL\'s root with and without the trailing slash', async () => {
    expect((await echo(await fetch(`${cloud.url}/lambda-url/${ids.echo}`))).rawPath).toBe('/');
    expect((await echo(await fetch(url(ids.echo, '/')))).rawPath).toBe('/');
  });

  it('passes a text body as it is and a binary body in base64', async () => {
    const text = await echo(await fetch(url(ids.echo), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' }));
    const binary = await echo(await fetch(url(ids.echo), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 254, 255]) }));

    expect(text).toMatchObject({ body: '{"n":1}', isBase64Encoded: false });
    expect(binary).toMatchObject({ body: Buffer.from([0, 1, 254, 255]).toString('base64'), isBase64Encoded: true });
  });

  it('maps a structured result as API Gateway payload 2.0 does', async () => {
    const response = await fetch(url(ids.response, '/orders'));

    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.getSetCookie()).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
    expect(await response.text()).toBe('created');
  });

  it('answers 502 when the function fails', async () => {
    const response = await fetch(url(ids.failing));

    expect(response.status).toBe(502);
    expect(await response.text()).toBe('Internal Server Error');
  });

  it('answers CORS preflights itself and adds the configured headers', async () => {
    const origin = 'https://app.example.com';
    const preflight = await fetch(url(ids.cors, '/x'), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const actual = await fetch(url(ids.cors, '/x'), { headers: { origin } });
    const stranger = await fetch(url(ids.cors, '/x'), { headers: { origin: 'https://evil.example.com' } });

    expect(preflight.status).toBe(204);
    expect(Object.fromEntries(preflight.headers)).toMatchObject({ 'access-control-allow-origin': origin, 'access-control-allow-methods': 'GET,POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '300' });
    expect(actual.headers.get('access-control-allow-origin')).toBe(origin);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('accepts AWS_IAM requests without evaluating them, naming the caller in the event', async () => {
    const signed = await echo(await fetch(url(ids.iam), { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20300101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=abc' } }));
    const unsigned = await fetch(url(ids.iam));

    expect(signed.requestContext.authorizer?.iam).toMatchObject({ accessKey: 'AKIDLOCAL', accountId: '000000000000', userArn: 'arn:aws:iam::000000000000:user/local' });
    expect(unsigned.status).toBe(200);
  });

  it('answers 404 for a URL id that does not exist', async () => {
    expect((await fetch(url('f'.repeat(32)))).status).toBe(404);
  });
});
