import { describe, expect, it } from 'vitest';
import { fn, transform } from '../../../../test/support/templates/sam-transform.ts';

type Body = Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>;

describe('REST Api events', () => {
  it('serve simple events from ServerlessRestApi, an HTTP API with payload 1.0 and the Prod stage', () => {
    const { resources, warnings } = transform(
      { Hello: fn({ Events: { Get: { Type: 'Api', Properties: { Path: '/hello/', Method: 'GET' } }, Any: { Type: 'Api', Properties: { Path: '/{proxy+}', Method: 'any' } } } }) },
      { Globals: { Api: { Cors: "'*'", Name: 'hello-api', TracingEnabled: true } } },
    );

    expect(resources.ServerlessRestApi?.Type).toBe('AWS::ApiGatewayV2::Api');
    const body = resources.ServerlessRestApi?.Properties?.Body as Body;
    expect(body.info).toMatchObject({ title: 'hello-api' });
    expect(body['x-amazon-apigateway-cors']).toEqual({ allowOrigins: ['*'] });
    expect(body.paths?.['/hello/']?.get?.['x-amazon-apigateway-integration']).toMatchObject({ type: 'aws_proxy', payloadFormatVersion: '1.0' });
    expect(body.paths?.['/{proxy+}']?.['x-amazon-apigateway-any-method']).toBeDefined();
    expect(resources.ServerlessRestApiProdStage?.Properties).toMatchObject({ ApiId: { Ref: 'ServerlessRestApi' }, StageName: 'Prod' });
    expect(resources.HelloGetPermissionProd?.Properties?.SourceArn).toEqual({
      'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/hello', { __ApiId__: { Ref: 'ServerlessRestApi' }, __Stage__: '*' }],
    });
    expect(resources.HelloAnyPermissionProd).toBeDefined();
    expect(warnings.map((w) => w.message)).toEqual(['REST API served by the HTTP API emulation with payload format 1.0 (the REST proxy event shape) under the stage path /Prod']);
  });

  it('serve an explicit AWS::Serverless::Api whose routes SAM manages, IAM auth not evaluated', () => {
    const { resources, warnings, template } = transform(
      {
        Rest: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'v1', Description: 'demo', Auth: { DefaultAuthorizer: 'AWS_IAM' }, Cors: { AllowOrigin: "'*'", AllowMethods: "'GET,POST'", MaxAge: "'600'" } } },
        F: fn({ Events: { Get: { Type: 'Api', Properties: { Path: '/', Method: 'get', RestApiId: { Ref: 'Rest' } } } } }),
      },
      { Outputs: { Stage: { Value: { Ref: 'Rest.Stage' } } } },
    );

    expect(resources.Rest?.Type).toBe('AWS::ApiGatewayV2::Api');
    expect((resources.Rest?.Properties?.Body as Body)['x-amazon-apigateway-cors']).toEqual({ allowOrigins: ['*'], allowMethods: ['GET', 'POST'], maxAge: 600 });
    expect(resources.Restv1Stage?.Properties).toMatchObject({ ApiId: { Ref: 'Rest' }, StageName: 'v1' });
    expect(resources.FGetPermissionv1).toBeDefined();
    expect(template.Outputs).toEqual({ Stage: { Value: { Ref: 'Restv1Stage' } } });
    expect(warnings.map((w) => w.property)).toEqual(['Auth', undefined]);
  });

  it('leave other REST APIs and their events unsupported', () => {
    const { resources, unsupported } = transform({
      Custom: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'dev', DefinitionBody: { swagger: '2.0' } } },
      Keyed: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'dev', Auth: { ApiKeyRequired: true } } },
      F: fn({
        Events: {
          A: { Type: 'Api', Properties: { Path: '/', Method: 'get', RestApiId: { Ref: 'Custom' } } },
          B: { Type: 'Api', Properties: { Path: '/', Method: 'get', RestApiId: { Ref: 'Keyed' } } },
          C: { Type: 'Api', Properties: { Path: '/', Method: 'get', RequestParameters: ['method.request.header.x'] } },
        },
      }),
    });

    expect(resources.Custom?.Type).toBe('AWS::Serverless::Api');
    expect(resources.Keyed?.Type).toBe('AWS::Serverless::Api');
    expect(resources.ServerlessRestApi).toBeUndefined();
    expect(unsupported.map((item) => [item.logicalId, item.reason])).toEqual([
      ['FA', expect.stringContaining('its AWS::Serverless::Api is not emulated')],
      ['FB', expect.stringContaining('its AWS::Serverless::Api is not emulated')],
      ['FC', 'REST API event RequestParameters is not emulated; only Path, Method and TimeoutInMillis are'],
    ]);
  });
});
