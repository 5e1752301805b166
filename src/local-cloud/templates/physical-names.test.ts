import { describe, expect, it } from 'vitest';
import { generatedName, NAME_RULES, physicalName } from './physical-names.ts';

describe('physicalName', () => {
  it('uses an explicit name property as is', () => {
    expect(physicalName({ stackName: 's', logicalId: 'Q', type: 'AWS::SQS::Queue', properties: { QueueName: 'orders' } })).toBe('orders');
    expect(physicalName({ stackName: 's', logicalId: 'T', type: 'AWS::DynamoDB::Table', properties: { TableName: 'Users' } })).toBe('Users');
    expect(physicalName({ stackName: 's', logicalId: 'F', type: 'AWS::Lambda::Function', properties: { FunctionName: 'fn' } })).toBe('fn');
    expect(physicalName({ stackName: 's', logicalId: 'B', type: 'AWS::Events::EventBus', properties: { Name: 'bus' } })).toBe('bus');
    expect(physicalName({ stackName: 's', logicalId: 'K', type: 'AWS::Kinesis::Stream', properties: { Name: 'k' } })).toBe('k');
    expect(physicalName({ stackName: 's', logicalId: 'S3', type: 'AWS::S3::Bucket', properties: { BucketName: 'my-bucket' } })).toBe('my-bucket');
  });

  it('generates <stack>-<LogicalId>-<SUFFIX>, stable for the same stack and logical id', () => {
    const name = physicalName({ stackName: 'sqs-lambda', logicalId: 'MySqsQueue', type: 'AWS::SQS::Queue' });

    expect(name).toMatch(/^sqs-lambda-MySqsQueue-[A-Z0-9]{12}$/);
    expect(physicalName({ stackName: 'sqs-lambda', logicalId: 'MySqsQueue', type: 'AWS::SQS::Queue' })).toBe(name);
    expect(physicalName({ stackName: 'other', logicalId: 'MySqsQueue', type: 'AWS::SQS::Queue' }).endsWith(name.slice(-12))).toBe(false);
  });

  it('follows each service: S3 lowercase and 63, FIFO queues end .fifo within 80, Lambda 64', () => {
    const long = 'A'.repeat(70);
    const bucket = physicalName({ stackName: 'My_Stack', logicalId: `Bucket${long}`, type: 'AWS::S3::Bucket' });
    const fifo = physicalName({ stackName: 'shop', logicalId: `Orders${long}`, type: 'AWS::SQS::Queue', properties: { FifoQueue: true } });
    const fn = physicalName({ stackName: 'a-rather-long-stack-name-for-a-function', logicalId: `Handler${long}`, type: 'AWS::Lambda::Function' });

    expect(bucket).toMatch(/^my-stack-bucketa+-[a-z0-9]{12}$/);
    expect(bucket.length).toBe(63);
    expect(fifo).toMatch(/^shop-OrdersA+-[A-Z0-9]{12}\.fifo$/);
    expect(fifo.length).toBe(80);
    expect(fn.length).toBe(64);
    expect(fn).toMatch(/^a-rather-long-stack-name--HandlerA{18}-[A-Z0-9]{12}$/);
  });

  it('gives APIs, function URLs, mappings, routes and integrations ids of AWS shape', () => {
    expect(physicalName({ stackName: 's', logicalId: 'HttpApi', type: 'AWS::ApiGatewayV2::Api', properties: { Name: 'my-api' } })).toMatch(/^[a-z0-9]{10}$/);
    expect(physicalName({ stackName: 's', logicalId: 'FnUrl', type: 'AWS::Lambda::Url' })).toMatch(/^[a-z0-9]{32}$/);
    expect(physicalName({ stackName: 's', logicalId: 'Esm', type: 'AWS::Lambda::EventSourceMapping' })).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(physicalName({ stackName: 's', logicalId: 'Route', type: 'AWS::ApiGatewayV2::Route' })).toMatch(/^[a-z0-9]{7}$/);
  });

  it('names types without a rule generically', () => {
    expect(physicalName({ stackName: 's', logicalId: 'Notify', type: 'Custom::S3BucketNotifications' })).toMatch(/^s-Notify-[A-Z0-9]{12}$/);
  });
});

describe('generatedName', () => {
  it('replaces characters a service refuses', () => {
    expect(generatedName('my.stack', 'Rule', NAME_RULES['AWS::SQS::Queue']!)).toMatch(/^my-stack-Rule-/);
  });
});
