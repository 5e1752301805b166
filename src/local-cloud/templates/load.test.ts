import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../test/support/templates/assembly.ts';
import { writeInlineCode } from './functions.ts';
import { loadTemplate, stackNameFromFolder } from './load.ts';
import type { ResourceLookup } from './types.ts';

const work = mkdtempSync(join(tmpdir(), 'templates-load-'));
const cacheDir = join(work, 'cache');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What a deployed cloud answers, in the shapes the spec gives (a queue's Ref is its URL …). */
const lookup: ResourceLookup = {
  ref: (id) => (id === 'Queue' ? 'http://127.0.0.1:4566/000000000000/orders' : `${id}-physical`),
  getAtt: (id, attribute) => `arn:aws:local:${id}:${attribute}`,
  importValue: (name) => `imported-${name}`,
};

const plain = `
AWSTemplateFormatVersion: '2010-09-09'
Description: orders
Parameters:
  Stage: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Mappings:
  Sizes: { dev: { Memory: 128 }, prod: { Memory: 1024 } }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub \${AWS::StackName}-\${Stage}-orders
  ProdOnly:
    Type: AWS::SNS::Topic
    Condition: IsProd
  Worker:
    Type: AWS::Lambda::Function
    DependsOn: Queue
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      MemorySize: !FindInMap [Sizes, !Ref Stage, Memory]
      Code:
        ZipFile: |
          exports.handler = async () => 'inline';
      Environment:
        Variables:
          QUEUE_URL: !Ref Queue
          TOPIC: !If [IsProd, !Ref ProdOnly, !Ref AWS::NoValue]
          SHARED: !ImportValue shared-url
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Worker
Outputs:
  QueueUrl:
    Value: !Ref Queue
    Export: { Name: !Sub '\${AWS::StackName}-queue-url' }
  Topic:
    Condition: IsProd
    Value: !Ref ProdOnly
`;

writeFiles(work, {
  'orders/template.yaml': plain,
  'sam-app/template.yaml': [
    'Transform: AWS::Serverless-2016-10-31',
    'Globals: { Function: { Runtime: nodejs22.x, Timeout: 5 } }',
    'Resources:',
    '  Api:',
    '    Type: AWS::Serverless::Function',
    '    Properties: { CodeUri: src/, Handler: handlers/api.main, Events: { Get: { Type: HttpApi, Properties: { Path: /items, Method: get } } } }',
    '  Legacy:',
    '    Type: AWS::Serverless::Function',
    '    Properties: { CodeUri: src/, Handler: app.handler, Runtime: python3.12 }',
    '  Broken:',
    '    Type: AWS::Serverless::Function',
    '    Properties: { CodeUri: src/, Handler: missing.handler }',
    'Outputs:',
    '  Url: { Value: !Sub "https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" }',
  ].join('\n'),
  'sam-app/src/handlers/api.mjs': 'export const main = async () => ({ statusCode: 200 });',
  'my_folder/template.json': JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }),
});

describe('loadTemplate', () => {
  it('loads a CloudFormation template: parameters, conditions, resources, outputs, order', async () => {
    const stack = await loadTemplate(join(work, 'orders/template.yaml'), { cacheDir, region: 'eu-west-1' });

    expect(stack).toMatchObject({ name: 'orders', displayName: 'orders', dir: join(work, 'orders'), region: 'eu-west-1', description: 'orders' });
    expect(stack.stackId).toMatch(/^arn:aws:cloudformation:eu-west-1:000000000000:stack\/orders\//);
    expect(stack.parameters).toEqual([{ key: 'Stage', type: 'String', value: 'dev', fromDefault: true }]);
    expect(stack.conditions).toEqual({ IsProd: false });
    expect(stack.resources.map((r) => r.logicalId)).toEqual(['Queue', 'Worker', 'Mapping']);
    expect(stack.droppedResources).toEqual(['ProdOnly']);
    expect(stack.resources.find((r) => r.logicalId === 'Worker')).toMatchObject({ type: 'AWS::Lambda::Function', dependsOn: ['Queue'], metadata: {} });
    expect(stack.outputs.map((o) => o.key)).toEqual(['QueueUrl']);
    expect(stack.order).toEqual(['Queue', 'Worker', 'Mapping']);
  });

  it('resolves values lazily against a lookup', async () => {
    const stack = await loadTemplate(join(work, 'orders/template.yaml'), { cacheDir, parameters: ['Stage=prod'] });

    expect(stack.resolver.resolveProperties('Queue', lookup)).toEqual({ QueueName: 'orders-prod-orders' });
    expect(stack.resolver.resolveProperties('Worker', lookup)).toMatchObject({
      MemorySize: 1024,
      Environment: { Variables: { QUEUE_URL: 'http://127.0.0.1:4566/000000000000/orders', TOPIC: 'ProdOnly-physical', SHARED: 'imported-shared-url' } },
    });
    expect(stack.resolver.resolveOutputs(lookup)).toEqual([
      { key: 'QueueUrl', value: 'http://127.0.0.1:4566/000000000000/orders', exportName: 'orders-queue-url' },
      { key: 'Topic', value: 'ProdOnly-physical' },
    ]);
    expect(stack.resolver.condition('IsProd')).toBe(true);
  });

  it('writes inline code and finds its handler', async () => {
    const stack = await loadTemplate(join(work, 'orders/template.yaml'), { cacheDir });

    const worker = stack.functions.find((fn) => fn.logicalId === 'Worker')!;
    expect(worker).toMatchObject({ source: 'inline', runtime: 'nodejs22.x', handler: 'index.handler', exportName: 'handler', dir: join(cacheDir, 'inline/orders/Worker') });
    expect(worker.problem).toBeUndefined();
    expect(readFileSync(worker.module!, 'utf8')).toBe("exports.handler = async () => 'inline';\n");
  });

  it('applies the SAM transform and locates CodeUri handlers, reporting functions that cannot run', async () => {
    const stack = await loadTemplate(join(work, 'sam-app/template.yaml'), { cacheDir });

    expect(stack.resources.map((r) => [r.logicalId, r.type, r.generatedFrom])).toEqual([
      ['Api', 'AWS::Lambda::Function', undefined],
      ['ApiRole', 'AWS::IAM::Role', 'Api'],
      ['ApiGetPermission', 'AWS::Lambda::Permission', 'Api'],
      ['Legacy', 'AWS::Lambda::Function', undefined],
      ['LegacyRole', 'AWS::IAM::Role', 'Legacy'],
      ['Broken', 'AWS::Lambda::Function', undefined],
      ['BrokenRole', 'AWS::IAM::Role', 'Broken'],
      ['ServerlessHttpApi', 'AWS::ApiGatewayV2::Api', undefined],
      ['ServerlessHttpApiApiGatewayDefaultStage', 'AWS::ApiGatewayV2::Stage', 'ServerlessHttpApi'],
    ]);
    const [api, legacy, broken] = stack.functions;
    expect(api).toEqual({
      logicalId: 'Api',
      runtime: 'nodejs22.x',
      handler: 'handlers/api.main',
      source: 'directory',
      dir: join(work, 'sam-app/src'),
      module: join(work, 'sam-app/src/handlers/api.mjs'),
      exportName: 'main',
    });
    expect(legacy?.problem).toBe('runtime python3.12 is not a Node.js runtime (nodejs*); only those run locally');
    expect(broken?.problem).toBe(`handler file missing.js (or .mjs, .cjs) is not in ${join(work, 'sam-app/src')}`);
    expect(stack.resolver.resolveOutputs(lookup)).toEqual([{ key: 'Url', value: 'https://ServerlessHttpApi-physical.execute-api.us-east-1.amazonaws.com/' }]);
  });

  it('names the stack after the folder, made valid, unless told', async () => {
    expect((await loadTemplate(join(work, 'my_folder/template.json'), { cacheDir })).name).toBe('my-folder');
    expect((await loadTemplate(join(work, 'my_folder/template.json'), { cacheDir, stackName: 'custom' })).name).toBe('custom');
    await expect(loadTemplate(join(work, 'my_folder/template.json'), { stackName: 'bad_name' })).rejects.toThrow(/"bad_name" is not a valid stack name/);
    expect(stackNameFromFolder('1st')).toBe('stack-1st');
  });

  it('reports template errors with file, logical id and property, and warns about a dangling DependsOn', async () => {
    writeFiles(work, {
      'bad-condition/template.yaml': 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: Nope\n',
      'bad-depends/template.yaml': 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: [Ghost]\n',
      'bad-transform/template.yaml': 'Transform: AWS::Include\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n',
    });

    await expect(loadTemplate(join(work, 'bad-condition/template.yaml'), { cacheDir })).rejects.toThrow(`${join(work, 'bad-condition/template.yaml')}: Q.Condition: no condition named Nope in Conditions`);
    expect((await loadTemplate(join(work, 'bad-depends/template.yaml'), { cacheDir })).warnings).toEqual([
      { file: join(work, 'bad-depends/template.yaml'), logicalId: 'Q', type: 'AWS::SQS::Queue', property: 'DependsOn', message: 'DependsOn names Ghost, which is not a resource of this template; ignored' },
    ]);
    await expect(loadTemplate(join(work, 'bad-transform/template.yaml'), { cacheDir })).rejects.toThrow('Transform: Transform AWS::Include is not supported locally');
    await expect(loadTemplate(join(work, 'nowhere/template.yaml'), { cacheDir })).rejects.toThrow(/cannot read the template/);
  });

  it('writes inline code that refers to resources once they exist', async () => {
    writeFiles(work, {
      'inline-ref/template.yaml': [
        'Resources:',
        '  Queue: { Type: AWS::SQS::Queue }',
        '  Fn:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        '      Runtime: nodejs20.x',
        '      Handler: index.handler',
        '      Code: { ZipFile: !Sub "exports.handler = async () => \'${Queue}\';" }',
      ].join('\n'),
    });
    const stack = await loadTemplate(join(work, 'inline-ref/template.yaml'), { cacheDir });

    const fn = stack.functions[0]!;
    expect(fn).toMatchObject({ pendingInline: true, module: join(cacheDir, 'inline/inline-ref/Fn/index.js') });
    expect(readFileSync(writeInlineCode(stack, 'Fn', lookup), 'utf8')).toBe("exports.handler = async () => 'http://127.0.0.1:4566/000000000000/orders';");
  });
});
