import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../test/support/templates/assembly.ts';
import { loadTemplate } from './load.ts';
import { functionProblems, propertyWarnings, supportOf, unsupportedResources, validateStack } from './validate.ts';

const work = mkdtempSync(join(tmpdir(), 'templates-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

writeFiles(work, {
  'mixed/template.yaml': [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Queue:',
    '    Type: AWS::SQS::Queue',
    '    Properties: { FifoQueue: true, VisibilityTimeout: 30, KmsMasterKeyId: alias/aws/sqs, Tags: [{ Key: a, Value: b }] }',
    '  Bucket:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      VersioningConfiguration: { Status: Enabled }',
    '      BucketEncryption: { ServerSideEncryptionConfiguration: [] }',
    '      NotificationConfiguration: { QueueConfigurations: [] }',
    '  Topic: { Type: AWS::SNS::Topic }',
    '  Socket: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: ws, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }',
    '  SocketStage: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Socket, StageName: prod } }',
    '  Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties: { CodeUri: src/, Handler: app.handler, Runtime: nodejs22.x, Layers: [arn:layer], Events: { Rest: { Type: Api, Properties: { Path: /, Method: get, Auth: { ApiKeyRequired: true } } } } }',
    '  Py:',
    '    Type: AWS::Lambda::Function',
    '    Properties: { Runtime: python3.13, Handler: index.handler, Code: { ZipFile: "def handler(e, c): pass" } }',
    '  Helper:',
    '    Type: AWS::Lambda::Function',
    '    Properties: { Runtime: python3.13, Handler: index.handler, Code: { ZipFile: "def handler(e, c): pass" } }',
    '  Notifications:',
    '    Type: Custom::S3BucketNotifications',
    '    Properties: { ServiceToken: !GetAtt Helper.Arn, BucketName: !Ref Bucket, NotificationConfiguration: { LambdaFunctionConfigurations: [] } }',
  ].join('\n'),
  'mixed/src/app.js': 'exports.handler = async () => 1;',
});

describe('supportOf', () => {
  it('tells emulated, no-op and unsupported types apart', () => {
    expect(supportOf('AWS::SQS::Queue')).toBe('emulated');
    expect(supportOf('Custom::S3BucketNotifications')).toBe('emulated');
    expect(supportOf('AWS::IAM::ManagedPolicy')).toBe('no-op');
    expect(supportOf('AWS::Lambda::Permission')).toBe('no-op');
    expect(supportOf('AWS::ApiGatewayV2::Stage')).toBe('no-op');
    expect(supportOf('AWS::SNS::Topic')).toBe('unsupported');
    expect(supportOf('Custom::Anything')).toBe('unsupported');
  });
});

describe('validating a loaded stack', async () => {
  const stack = await loadTemplate(join(work, 'mixed/template.yaml'), { cacheDir: join(work, 'cache') });
  const file = join(work, 'mixed/template.yaml');

  it('lists unsupported types and SAM constructs with logical id, type and file', () => {
    expect(unsupportedResources(stack)).toEqual([
      { logicalId: 'Topic', type: 'AWS::SNS::Topic', file, reason: 'AWS::SNS::Topic is not emulated locally' },
      { logicalId: 'Socket', type: 'AWS::ApiGatewayV2::Api', file, reason: 'WebSocket APIs are not emulated locally (HTTP APIs are)' },
      { logicalId: 'SocketStage', type: 'AWS::ApiGatewayV2::Stage', file, reason: 'it belongs to Socket, a WebSocket API' },
      { logicalId: 'FnRest', type: 'AWS::Serverless::Function Api event', file, reason: 'REST API event Auth is not emulated; only Path, Method and TimeoutInMillis are' },
    ]);
  });

  it('warns about properties it does not emulate, but not about AWS-only ones', () => {
    expect(propertyWarnings(stack).map((w) => [w.logicalId, w.type, w.property])).toEqual([
      ['Queue', 'AWS::SQS::Queue', 'FifoQueue'],
      ['Bucket', 'AWS::S3::Bucket', 'VersioningConfiguration'],
      ['Bucket', 'AWS::S3::Bucket', 'NotificationConfiguration.QueueConfigurations'],
      ['Socket', 'AWS::ApiGatewayV2::Api', 'RouteSelectionExpression'],
      ['Fn', 'AWS::Lambda::Function', 'Layers'],
    ]);
    expect(propertyWarnings(stack)[0]?.message).toBe('AWS::SQS::Queue property FifoQueue is not emulated locally; it has no effect');
  });

  it('lists functions that cannot run, except custom-resource helpers', () => {
    expect(functionProblems(stack)).toEqual([{ logicalId: 'Py', file, problem: 'runtime python3.13 is not a Node.js runtime (nodejs*); only those run locally' }]);
  });

  it('combines the checks', () => {
    const report = validateStack(stack);

    expect([report.unsupported.length, report.warnings.length, report.functionProblems.length]).toEqual([4, 5, 1]);
  });
});
