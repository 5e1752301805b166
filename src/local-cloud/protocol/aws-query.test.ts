import { describe, expect, it } from 'vitest';
import { handleAwsQuery, isAwsQueryRequest, routeAwsQuery, type AwsQueryService } from './aws-query.ts';
import { AwsServiceError, notImplemented } from './errors.ts';
import { el } from './xml.ts';

/** A minimal query service: `Echo` answers its `Value` parameter, `Fail` throws, `Nothing` has no result. */
function service(signingName: string, actions: string[], ownsPath?: (path: string) => boolean): AwsQueryService {
  return {
    signingName,
    xmlNamespace: `http://${signingName}/doc/`,
    actions: new Set(actions),
    ...(ownsPath && { ownsPath }),
    async handle(action, params) {
      if (action === 'Echo') return [el('Value', params.get('Value') ?? '')];
      if (action === 'Nothing') return undefined;
      if (action === 'Fail') throw new AwsServiceError('QueueDoesNotExist', 'gone', { queryErrorCode: 'AWS.SimpleQueueService.NonExistentQueue' });
      throw notImplemented(signingName, action);
    },
  };
}

const sqs = service('sqs', ['Echo', 'Fail', 'Nothing'], (path) => path.startsWith('/000000000000/'));
const cloudformation = service('cloudformation', ['DescribeStacks']);
const services = [sqs, cloudformation];

const form = (body: string, headers: Record<string, string> = {}, path = '/') =>
  new Request(`http://local${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers }, body });
const signedFor = (name: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/${name}/aws4_request, SignedHeaders=host, Signature=x` });

describe('isAwsQueryRequest', () => {
  it('takes form POSTs and GETs naming an Action', () => {
    expect(isAwsQueryRequest(form('Action=Echo'))).toBe(true);
    expect(isAwsQueryRequest(new Request('http://local/?Action=Echo'))).toBe(true);
    expect(isAwsQueryRequest(new Request('http://local/', { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{}' }))).toBe(false);
    expect(isAwsQueryRequest(new Request('http://local/bucket/key'))).toBe(false);
  });
});

describe('routeAwsQuery', () => {
  it('routes by credential scope, then queue path, then action', () => {
    expect(routeAwsQuery(services, form('', signedFor('cloudformation')), '/', 'Echo')).toBe(cloudformation);
    expect(routeAwsQuery(services, form(''), '/000000000000/q', 'DescribeStacks')).toBe(sqs);
    expect(routeAwsQuery(services, form(''), '/', 'DescribeStacks')).toBe(cloudformation);
    expect(routeAwsQuery(services, form(''), '/', 'Unknown')).toBeUndefined();
  });

  it('answers NotImplemented for a signed request of a service the cloud does not serve', () => {
    expect(() => routeAwsQuery(services, form('', signedFor('sns')), '/', 'Publish')).toThrow(expect.objectContaining({ code: 'NotImplemented', statusCode: 501 }));
  });
});

describe('handleAwsQuery', () => {
  it('wraps the result in <ActionResponse><ActionResult> with ResponseMetadata', async () => {
    const response = await handleAwsQuery(services, form('Action=Echo&Version=2012-11-05&Value=a%26b', signedFor('sqs')));
    const xml = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml');
    const requestId = response.headers.get('x-amzn-requestid');
    expect(xml).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><EchoResponse xmlns="http://sqs/doc/"><EchoResult><Value>a&amp;b</Value></EchoResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></EchoResponse>`,
    );
  });

  it('leaves the result element out for an action without one', async () => {
    const xml = await (await handleAwsQuery(services, form('Action=Nothing'))).text();

    expect(xml).toMatch(/<NothingResponse xmlns="http:\/\/sqs\/doc\/"><ResponseMetadata><RequestId>[^<]+<\/RequestId><\/ResponseMetadata><\/NothingResponse>$/);
  });

  it('answers errors as <ErrorResponse> with the legacy query code and the status', async () => {
    const response = await handleAwsQuery(services, form('Action=Fail'));

    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><ErrorResponse xmlns="http:\/\/sqs\/doc\/"><Error><Type>Sender<\/Type><Code>AWS.SimpleQueueService.NonExistentQueue<\/Code><Message>gone<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it('answers MissingAction, InvalidAction and NotImplemented', async () => {
    const code = async (request: Request) => {
      const response = await handleAwsQuery(services, request);
      return `${response.status} ${/<Code>([^<]+)<\/Code>/.exec(await response.text())?.[1]}`;
    };

    expect(await code(form('Version=2012-11-05'))).toBe('400 MissingAction');
    expect(await code(form('Action=Bogus'))).toBe('400 InvalidAction');
    expect(await code(form('Action=Bogus', signedFor('sqs')))).toBe('501 NotImplemented');
  });

  it('answers InvalidAction for an Object.prototype name, signed or not, without running anything', async () => {
    for (const request of [form('Action=constructor'), form('Action=constructor', signedFor('sqs')), form('Action=valueOf', signedFor('cloudformation'))]) {
      const response = await handleAwsQuery(services, request);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('<Code>InvalidAction</Code>');
    }
  });

  it('reads a body under the largest cap, then holds the routed service to its own (413)', async () => {
    const small = { ...service('sqs', ['Echo']), maxRequestBytes: 100 };
    const large = { ...service('cloudformation', ['Other']), maxRequestBytes: 1_000 };
    const code = async (body: string, headers: Record<string, string> = {}) => (await handleAwsQuery([small, large], form(body, headers))).status;
    expect(await code(`Action=Echo&Value=${'x'.repeat(50)}`)).toBe(200);
    expect(await code(`Action=Echo&Value=${'x'.repeat(500)}`)).toBe(413);
    expect(await code(`Action=Echo&Value=${'x'.repeat(5_000)}`)).toBe(413);
  });

  it('reads GET query strings', async () => {
    const response = await handleAwsQuery(services, new Request('http://local/?Action=Echo&Value=via-get'));

    expect(await response.text()).toContain('<Value>via-get</Value>');
  });
});
