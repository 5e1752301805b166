import { describe, expect, it } from 'vitest';
import { samHash, stageLogicalId } from './http-api.ts';
import { fn, transform } from '../../../../test/support/templates/sam-transform.ts';

const integration = (functionId: string, extra: Record<string, unknown> = {}) => ({
  'x-amazon-apigateway-integration': {
    type: 'aws_proxy',
    httpMethod: 'POST',
    payloadFormatVersion: '2.0',
    uri: { 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${functionId}.Arn}/invocations` },
    ...extra,
  },
});

describe('HttpApi events and AWS::Serverless::HttpApi', () => {
  it('builds the implicit ServerlessHttpApi with a $default stage, routes and permissions', () => {
    const { resources } = transform(
      {
        Get: fn({ Events: { Read: { Type: 'HttpApi', Properties: { Path: '/items/{id}', Method: 'get' } } } }),
        Any: fn({ Events: { All: { Type: 'HttpApi' } } }),
      },
      { Globals: { HttpApi: { CorsConfiguration: { AllowOrigins: ['*'], AllowMethods: ['GET'] } } } },
    );

    expect(resources.ServerlessHttpApi).toEqual({
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: {
        Body: {
          openapi: '3.0.1',
          info: { version: '1.0', title: { Ref: 'AWS::StackName' } },
          paths: {
            '/items/{id}': { get: { ...integration('Get'), responses: {} } },
            $default: { 'x-amazon-apigateway-any-method': { ...integration('Any'), isDefaultRoute: true, responses: {} } },
          },
          'x-amazon-apigateway-cors': { allowOrigins: ['*'], allowMethods: ['GET'] },
        },
      },
    });
    expect(resources.ServerlessHttpApiApiGatewayDefaultStage).toEqual({ Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'ServerlessHttpApi' }, StageName: '$default', AutoDeploy: true } });
    expect(resources.GetReadPermission?.Properties).toMatchObject({
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/items/{id}', { __ApiId__: { Ref: 'ServerlessHttpApi' }, __Stage__: '*' }] },
    });
    expect(resources.AnyAllPermission?.Type).toBe('AWS::Lambda::Permission');
  });

  it('adds routes to an explicit HttpApi, with its name, stage, CORS and payload version', () => {
    const { resources, template } = transform(
      {
        Api: { Type: 'AWS::Serverless::HttpApi', Properties: { Name: 'shop', StageName: 'prod', CorsConfiguration: true } },
        Post: fn({ Events: { Create: { Type: 'HttpApi', Properties: { ApiId: { Ref: 'Api' }, Path: '/orders', Method: 'POST', PayloadFormatVersion: '1.0', TimeoutInMillis: 5000 } } } }),
      },
      { Outputs: { Stage: { Value: { Ref: 'Api.Stage' } } } },
    );

    expect(resources.Api?.Properties?.Body).toEqual({
      openapi: '3.0.1',
      info: { version: '1.0', title: 'shop' },
      paths: { '/orders': { post: { ...integration('Post', { payloadFormatVersion: '1.0', timeoutInMillis: 5000 }), responses: {} } } },
      'x-amazon-apigateway-cors': { allowOrigins: ['*'] },
    });
    expect(resources.ApiprodStage?.Properties).toMatchObject({ ApiId: { Ref: 'Api' }, StageName: 'prod' });
    expect(resources.ServerlessHttpApi).toBeUndefined();
    expect(template.Outputs).toEqual({ Stage: { Value: { Ref: 'ApiprodStage' } } });
  });

  it('keeps a user DefinitionBody and integrations it already has', () => {
    const body = { openapi: '3.0.1', info: { title: 'mine' }, paths: { '/x': { get: { ...integration('F', { payloadFormatVersion: '1.0' }) } } } };
    const { resources } = transform({
      Api: { Type: 'AWS::Serverless::HttpApi', Properties: { DefinitionBody: body } },
      F: fn({ Events: { X: { Type: 'HttpApi', Properties: { ApiId: { Ref: 'Api' }, Path: '/x', Method: 'GET' } } } }),
    });

    expect(resources.Api?.Properties?.Body).toEqual(body);
  });

  it('refuses an ApiId that is not a SAM HttpApi of the template', () => {
    expect(() => transform({ F: fn({ Events: { X: { Type: 'HttpApi', Properties: { ApiId: { Ref: 'Nope' } } } } }) })).toThrow(
      'F.Events.X.Properties.ApiId: ApiId must refer to an AWS::Serverless::HttpApi of this template',
    );
  });

  it('names stages as SAM does', () => {
    expect(stageLogicalId('Api', '$default')).toBe('ApiApiGatewayDefaultStage');
    expect(stageLogicalId('Api', 'v1')).toBe('Apiv1Stage');
    expect(stageLogicalId('Api', 'my-stage')).toBe(`ApiStage${samHash('my-stage')}`);
    expect(stageLogicalId('Api', { Ref: 'Stage' })).toBe('ApiStage');
    // python3: hashlib.sha1(json.dumps({'b':1,'a':[1,'x']}, separators=(',',':'), sort_keys=True).encode()).hexdigest()[:10]
    expect(samHash({ b: 1, a: [1, 'x'] })).toBe('8ccdc443a2');
  });
});
