import { beforeAll, describe, expect, it } from 'vitest';
import { NAME_LIMITS } from '../../src/aws/naming.ts';
import { defineApp } from '../../src/platform/topology/define.ts';
import { render, synthesize, type Synthesized } from './helpers.ts';

/** Logical names may have 64 characters, app names 32, prefixes and stages 32. */
const long = (stem: string) => `${stem}${'X'.repeat(64)}`.slice(0, 64);
const APP = 'longapp'.padEnd(32, 'x');
const handler = 'src/apps/ecommerce/inventory/listSkus/handler.ts#handler';
const longApp = defineApp({
  name: APP,
  tables: { [long('table')]: { partitionKey: { name: 'pk', type: 'S' }, stream: 'NEW_IMAGE' } },
  buses: { [long('bus')]: {} },
  queues: { [long('queueA')]: {}, [long('queueB')]: {} },
  pipes: { [long('pipe')]: { sourceTable: long('table'), target: { bus: long('bus') } } },
  rules: { [long('rule')]: { bus: long('bus'), eventPattern: { source: ['x'] }, targets: [{ queue: long('queueA') }] } },
  functions: { [long('function')]: { handler, triggers: [{ type: 'sqs', queue: long('queueB') }] } },
  httpApis: { [long('api')]: { routes: [{ route: 'GET /x', function: long('function') }] } },
  // The longest bucket names the local cloud accepts (`<app>-<logical>` within S3's 63).
  buckets: { ['bucketa'.padEnd(30, 'x')]: {}, ['bucketb'.padEnd(30, 'x')]: {} },
  kinesisStreams: { [long('stream')]: {} },
});

describe('naming: a synthesized app with long names', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize([longApp], { prefix: 'aprefixofthirtytwocharacterslong', stage: 'staging' })[0]!;
  });

  it.each([
    ['AWS::DynamoDB::Table', 'TableName', NAME_LIMITS.table],
    ['AWS::SQS::Queue', 'QueueName', NAME_LIMITS.queue],
    ['AWS::Lambda::Function', 'FunctionName', NAME_LIMITS.function],
    ['AWS::Events::Rule', 'Name', NAME_LIMITS.rule],
    ['AWS::Pipes::Pipe', 'Name', NAME_LIMITS.pipe],
    ['AWS::Events::EventBus', 'Name', NAME_LIMITS.bus],
    ['AWS::ApiGatewayV2::Api', 'Name', NAME_LIMITS.httpApi],
    ['AWS::Kinesis::Stream', 'Name', NAME_LIMITS.kinesisStream],
  ] as const)('%s names are cut to %s… limits', (type, property, limit) => {
    const names = s.ofType(type).map(([, r]) => r.Properties![property] as string);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(limit);
      expect(name.startsWith(`aprefixofthirtytwocharacterslong-staging-${APP}-`.slice(0, limit - 9))).toBe(true);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('cuts bucket names so that the account and the longest region still fit in 63 characters', () => {
    const names = s.ofType('AWS::S3::Bucket').map(([, r]) => render(r.Properties!.BucketName));
    expect(names).toHaveLength(2);
    for (const name of names) {
      const deployed = name.replace('${AWS::AccountId}', '123456789012').replace('${AWS::Region}', 'ap-southeast-5');
      expect(deployed).toHaveLength(63);
      expect(deployed).toMatch(/^aprefixofthirty[a-z0-9-]*-[0-9a-f]{8}-123456789012-ap-southeast-5$/);
    }
    expect(new Set(names).size).toBe(2);
  });

  it('refuses a bucket whose name S3 would reject', () => {
    expect(() => synthesize([{ name: 'app', buckets: { Uploads: {} } }])).toThrow(/bucket "Uploads" gives the name eventloom-dev-app-Uploads; S3 allows lower-case/);
  });

  it('names the stack <prefix>-<stage>-<app>', () => {
    expect(s.stack.stackName).toBe(`aprefixofthirtytwocharacterslong-staging-${APP}`);
  });
});
