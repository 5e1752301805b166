import { describe, expect, it } from 'vitest';
import { functionArnFromIntegrationUri, readOpenApiBody } from './openapi.ts';

const uri = (fn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${fn}/invocations`;

describe('readOpenApiBody', () => {
  it('lists routes with their Lambda integrations and CORS, as SAM writes them', () => {
    const body = {
      openapi: '3.0.1',
      info: { version: '1.0', title: 'shop' },
      paths: {
        '/items/{id}': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: uri('get'), payloadFormatVersion: '2.0' } }, parameters: [] },
        '/orders': { post: { 'x-amazon-apigateway-integration': { uri: uri('post'), payloadFormatVersion: '1.0', timeoutInMillis: 5000 } } },
        '/any/{proxy+}': { 'x-amazon-apigateway-any-method': { 'x-amazon-apigateway-integration': { uri: uri('any') } } },
        $default: { 'x-amazon-apigateway-any-method': { isDefaultRoute: true, 'x-amazon-apigateway-integration': { uri: uri('fallback') } } },
        '/docs': { get: { responses: {} } },
      },
      'x-amazon-apigateway-cors': { allowOrigins: ['*'], maxAge: 60 },
    };

    const api = readOpenApiBody(body);

    expect(api.title).toBe('shop');
    expect(api.cors).toEqual({ AllowOrigins: ['*'], MaxAge: 60 });
    expect(api.routes.map((route) => [route.routeKey, route.functionArn?.split(':').pop(), route.payloadFormatVersion, route.timeoutInMillis])).toEqual([
      ['GET /items/{id}', 'get', '2.0', undefined],
      ['POST /orders', 'post', '1.0', 5000],
      ['ANY /any/{proxy+}', 'any', '2.0', undefined],
      ['$default', 'fallback', '2.0', undefined],
      ['GET /docs', undefined, '2.0', undefined],
    ]);
  });
});

describe('functionArnFromIntegrationUri', () => {
  it('takes the function ARN out of an API Gateway URI, or accepts a plain one', () => {
    expect(functionArnFromIntegrationUri(uri('f'))).toBe('arn:aws:lambda:us-east-1:000000000000:function:f');
    expect(functionArnFromIntegrationUri('arn:aws:lambda:us-east-1:000000000000:function:f')).toBe('arn:aws:lambda:us-east-1:000000000000:function:f');
    expect(functionArnFromIntegrationUri('http://example.com')).toBeUndefined();
  });
});
