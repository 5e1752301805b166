import { describe, expect, it } from 'vitest';
import { outputId as cdkOutputId } from '../../aws/naming.ts';
import type { AppDef } from '../../platform/topology/types.ts';
import { appStackRecord, outputId, pascalCase } from './app-stack.ts';
import { stableUuid } from './stack-id.ts';

const key = { name: 'pk', type: 'S' } as const;
const shop: AppDef = {
  name: 'shop',
  tables: { store: { partitionKey: key, stream: 'NEW_IMAGE', nameEnv: 'STORE_TABLE_NAME' }, 'audit-log': { partitionKey: key } },
  buses: { events: {} },
  pipes: { store: { sourceTable: 'store', target: { bus: 'events' } } },
  rules: { orderPlaced: { bus: 'events', eventPattern: { source: ['shop'] }, targets: [{ queue: 'ordersQueue' }] } },
  queues: { ordersQueue: { deadLetterQueue: { queue: 'ordersDlq', maxReceiveCount: 3 } }, ordersDlq: {} },
  buckets: { uploads: {} },
  kinesisStreams: { clicks: {} },
  functions: {
    placeOrder: { handler: 'src/place.ts', triggers: [{ type: 'sqs', queue: 'ordersQueue' }, { type: 's3', bucket: 'uploads' }] },
    project: {
      handler: 'src/project.ts',
      triggers: [
        { type: 'dynamodb-stream', table: 'store', startingPosition: 'LATEST' },
        { type: 'kinesis', stream: 'clicks', startingPosition: 'LATEST' },
      ],
    },
  },
  httpApis: { orders: { routes: [{ route: 'POST /orders', function: 'placeOrder' }], baseUrlEnv: 'ORDERS_API_BASE_URL' }, admin: { routes: [] } },
};
const createdAt = new Date(Date.UTC(2024, 0, 1));
const resolver = { queueUrl: (name: string) => `http://local/000000000000/${name}`, apiUrl: (app: string, api: string) => `http://local/apis/${app}-${api}`, createdAt };

describe('appStackRecord', () => {
  it('lists every resource with its AWS type, a logical id and the physical id Ref returns', () => {
    const stack = appStackRecord(shop, resolver);

    expect(stack.resources).toEqual([
      { logicalId: 'StoreTable', physicalId: 'shop-store', type: 'AWS::DynamoDB::Table' },
      { logicalId: 'AuditLogTable', physicalId: 'shop-audit-log', type: 'AWS::DynamoDB::Table' },
      { logicalId: 'OrdersQueue', physicalId: 'http://local/000000000000/shop-ordersQueue', type: 'AWS::SQS::Queue' },
      { logicalId: 'OrdersDlqQueue', physicalId: 'http://local/000000000000/shop-ordersDlq', type: 'AWS::SQS::Queue' },
      { logicalId: 'EventsEventBus', physicalId: 'shop-events', type: 'AWS::Events::EventBus' },
      { logicalId: 'OrderPlacedRule', physicalId: 'shop-events|shop-orderPlaced', type: 'AWS::Events::Rule' },
      { logicalId: 'StorePipe', physicalId: 'shop-store', type: 'AWS::Pipes::Pipe' },
      { logicalId: 'PlaceOrderFunction', physicalId: 'shop-placeOrder', type: 'AWS::Lambda::Function' },
      { logicalId: 'PlaceOrderOrdersQueueEventSourceMapping', physicalId: stableUuid('shop/placeOrder/trigger/0'), type: 'AWS::Lambda::EventSourceMapping' },
      { logicalId: 'ProjectFunction', physicalId: 'shop-project', type: 'AWS::Lambda::Function' },
      { logicalId: 'ProjectStoreEventSourceMapping', physicalId: stableUuid('shop/project/trigger/0'), type: 'AWS::Lambda::EventSourceMapping' },
      { logicalId: 'ProjectClicksEventSourceMapping', physicalId: stableUuid('shop/project/trigger/1'), type: 'AWS::Lambda::EventSourceMapping' },
      { logicalId: 'OrdersHttpApi', physicalId: 'shop-orders', type: 'AWS::ApiGatewayV2::Api' },
      { logicalId: 'AdminHttpApi', physicalId: 'shop-admin', type: 'AWS::ApiGatewayV2::Api' },
      { logicalId: 'UploadsBucket', physicalId: 'shop-uploads', type: 'AWS::S3::Bucket' },
      { logicalId: 'ClicksStream', physicalId: 'shop-clicks', type: 'AWS::Kinesis::Stream' },
    ]);
  });

  it('names the stack after the app with a stable id, and declares the outputs the CDK stack declares', () => {
    const stack = appStackRecord(shop, resolver);

    expect(stack).toMatchObject({ name: 'shop', createdAt, parameters: [] });
    expect(stack.stackId).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:stack\/shop\/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(appStackRecord(shop, { ...resolver, createdAt: new Date() }).stackId).toBe(stack.stackId);
    expect(stack.outputs).toEqual([
      { key: 'OrdersApiBaseUrl', value: 'http://local/apis/shop-orders', description: 'ORDERS_API_BASE_URL' },
      { key: 'AdminApiBaseUrl', value: 'http://local/apis/shop-admin', description: 'admin API base URL' },
      { key: 'StoreTableName', value: 'shop-store', description: 'STORE_TABLE_NAME' },
    ]);
  });

  it('keeps logical ids unique', () => {
    const stack = appStackRecord({ name: 'x', tables: { a: { partitionKey: key }, A: { partitionKey: key } } }, resolver);

    expect(stack.resources.map((r) => r.logicalId)).toEqual(['ATable', 'ATable2']);
  });
});

describe('ids', () => {
  it('pascalCase keeps letters and digits only', () => {
    expect(pascalCase('placeOrder')).toBe('PlaceOrder');
    expect(pascalCase('order-events_v2')).toBe('OrderEventsV2');
  });

  it('outputId is the CDK synthesizer outputId', () => {
    for (const name of ['ORDERS_API_BASE_URL', 'dynamodb_table_name', 'orders_API_BASE_URL', 'A1_B2']) expect(outputId(name)).toBe(cdkOutputId(name));
  });
});
