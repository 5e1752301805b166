import { describe, expect, it } from 'vitest';
import { fn, transform } from './transform.test-support.ts';

describe('REST Api events', () => {
  it('serve simple events from ServerlessRestApi, an HTTP API with payload 1.0 and the Prod stage', () => {
    const { resources, warnings } = transform(
      { Hello: fn({ Events: { Get: { Type: 'Api', Properties: { Path: '/hello/', Method: 'GET' } }, Any: { Type: 'Api', Properties: { Path: '/{proxy+}', Method: 'any' } } } }) },
      { Globals: { Api: { Cors: "'*'", Name: 'hello-api', BinaryMediaTypes: ['image/png'] } } },
    );

    expect(resources.ServerlessRestApi?.Type).toBe('AWS::ApiGatewayV2::Api');
    const body = resources.ServerlessRestApi?.Properties?.Body as Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>;
    expect(body.info).toMatchObject({ title: 'hello-api' });
    expect(body['x-amazon-apigateway-cors']).toEqual({ allowOrigins: ['*'] });
    expect(body.paths?.['/hello/']?.get?.['x-amazon-apigateway-integration']).toMatchObject({ type: 'aws_proxy', payloadFormatVersion: '1.0' });
    expect(body.paths?.['/{proxy+}']?.['x-amazon-apigateway-any-method']).toBeDefined();
    expect(resources.ServerlessRestApiProdStage?.Properties).toMatchObject({ ApiId: { Ref: 'ServerlessRestApi' }, StageName: 'Prod' });
    expect(resources.HelloGetPermissionProd?.Properties?.SourceArn).toEqual({
      'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/hello', { __ApiId__: { Ref: 'ServerlessRestApi' }, __Stage__: '*' }],
    });
    expect(resources.HelloAnyPermissionProd).toBeDefined();
    expect(warnings.map((w) => w.message)).toEqual([
      'Globals.Api.BinaryMediaTypes is not emulated for the local REST API',
      'REST API events are served by the HTTP API emulation with payload format 1.0 (the REST proxy event shape) under the stage path /Prod',
    ]);
  });

  it('leaves an explicit AWS::Serverless::Api and its events unsupported', () => {
    const { resources, unsupported } = transform({
      Rest: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'dev' } },
      F: fn({ Events: { Get: { Type: 'Api', Properties: { Path: '/', Method: 'get', RestApiId: { Ref: 'Rest' } } } } }),
    });

    expect(resources.Rest?.Type).toBe('AWS::Serverless::Api');
    expect(resources.ServerlessRestApi).toBeUndefined();
    expect(unsupported.map((item) => item.logicalId)).toEqual(['FGet']);
  });
});
