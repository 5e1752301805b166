import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assetManifest, stackArtifact, writeFiles } from '../../../test/support/templates/assembly.ts';
import { loadCloudAssembly } from './load.ts';
import type { ResourceLookup } from './types.ts';
import { zipArchive } from '../../../test/support/templates/zip-writer.ts';

const work = mkdtempSync(join(tmpdir(), 'templates-load-assembly-'));
const out = join(work, 'cdk.out');
const cacheDir = join(work, 'cache');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const bootstrap = {
  Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
  Rules: { CheckBootstrapVersion: { Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }] } }] } },
};
const code = (hash: string) => ({ S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: `${hash}.zip` });

// The shape `cdk synth` gives an HttpApi L2 with a NodejsFunction route, plus a stage stack importing its export.
writeFiles(out, {
  'manifest.json': {
    version: '55.0.0',
    artifacts: {
      'Api.assets': { type: 'cdk:asset-manifest', properties: { file: 'Api.assets.json' } },
      Api: stackArtifact('Api.template.json', { stackName: 'HttpApiLambdaStack', dependencies: ['Api.assets'] }),
      'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod', displayName: 'Prod' } },
    },
  },
  'Api.assets.json': assetManifest([['a1b2', 'asset.a1b2'], ['c3d4', 'asset.c3d4.zip', 'file']]),
  'asset.a1b2/index.js': 'exports.handler = async () => ({ statusCode: 200 });',
  'asset.c3d4.zip': zipArchive([{ name: 'worker.mjs', data: 'export const run = async () => 1;', deflate: true }]),
  'Api.template.json': {
    Resources: {
      HelloRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      Hello: { Type: 'AWS::Lambda::Function', Properties: { Code: code('a1b2'), FunctionName: 'dummy', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['HelloRole', 'Arn'] }, Runtime: 'nodejs24.x' }, DependsOn: ['HelloRole'] },
      Worker: { Type: 'AWS::Lambda::Function', Properties: { Code: code('c3d4'), Handler: 'worker.run', Runtime: 'nodejs22.x' } },
      HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'http-api', ProtocolType: 'HTTP' } },
      HttpApiDefaultStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'HttpApi' }, AutoDeploy: true, StageName: '$default' } },
      Integration: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'HttpApi' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['Hello', 'Arn'] }, PayloadFormatVersion: '2.0' } },
      Route: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'HttpApi' }, AuthorizationType: 'NONE', RouteKey: 'GET /', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] } } },
    },
    Outputs: {
      HttpApiURL: { Value: { 'Fn::Join': ['', ['https://', { Ref: 'HttpApi' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/']] }, Export: { Name: 'api-url' } },
    },
    ...bootstrap,
  },
  'assembly-Prod/manifest.json': { version: '55.0.0', artifacts: { ProdConsumer: stackArtifact('ProdConsumer.template.json', { stackName: 'Prod-Consumer', displayName: 'Prod/Consumer' }) } },
  'assembly-Prod/ProdConsumer.template.json': {
    Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Join': ['-', ['q', { 'Fn::ImportValue': 'api-url' }]] } } } },
    ...bootstrap,
  },
});

const lookup: ResourceLookup = { ref: (id) => (id === 'HttpApi' ? 'abc123defg' : id), getAtt: (id, a) => `${id}.${a}`, importValue: (name) => `<${name}>` };

describe('loadCloudAssembly', () => {
  it('loads every stack, nested stages included, with CDK bootstrap parameter and rule inert', async () => {
    const stacks = await loadCloudAssembly(out, { cacheDir });

    expect(stacks.map((stack) => [stack.name, stack.displayName, stack.dir])).toEqual([
      ['HttpApiLambdaStack', 'Api', out],
      ['Prod-Consumer', 'Prod/Consumer', join(out, 'assembly-Prod')],
    ]);
    expect(stacks[0]!.warnings).toEqual([]);
    expect(stacks[0]!.order).toEqual(['HelloRole', 'Hello', 'Worker', 'HttpApi', 'HttpApiDefaultStage', 'Integration', 'Route']);
    expect(stacks[0]!.resolver.resolveOutputs(lookup)).toEqual([{ key: 'HttpApiURL', value: 'https://abc123defg.execute-api.us-east-1.amazonaws.com/', exportName: 'api-url' }]);
    expect(stacks[1]!.resolver.resolveProperties('Q', lookup)).toEqual({ QueueName: 'q-<api-url>' });
  });

  it('finds each function through the asset manifest: a folder as is, a zip extracted', async () => {
    const [api] = await loadCloudAssembly(out, { stacks: ['HttpApiLambdaStack'], cacheDir });

    const [hello, worker] = api!.functions;
    expect(hello).toMatchObject({ source: 'directory', dir: join(out, 'asset.a1b2'), module: join(out, 'asset.a1b2/index.js'), exportName: 'handler' });
    expect(worker).toMatchObject({ source: 'zip', exportName: 'run' });
    expect(readFileSync(worker!.module!, 'utf8')).toBe('export const run = async () => 1;');
    expect(hello?.problem ?? worker?.problem).toBeUndefined();
  });

  it('selects stacks by hierarchical id', async () => {
    const stacks = await loadCloudAssembly(out, { stacks: ['Prod/*'], cacheDir });

    expect(stacks.map((stack) => stack.name)).toEqual(['Prod-Consumer']);
  });
});
