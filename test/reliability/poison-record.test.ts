import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvent } from '../../src/apps/ecommerce/events.ts';
import type { EcommerceClient } from '../e2e/ecommerce/client.ts';
import { startEcommerce, type EcommerceCloud } from '../e2e/ecommerce/harness.ts';
import { waitFor } from '../support/wait-for.ts';

const APP = 'f2poison';
const DLQ = `${APP}-storeToBusDlq`;

/** The body AWS sends a stream source's on-failure destination (the fields this test reads). */
interface StreamFailureRecord {
  requestContext: { condition: string; approximateInvokeCount: number; functionArn: string };
  DDBStreamBatchInfo: { shardId: string; startSequenceNumber: string; endSequenceNumber: string; batchSize: number; streamArn: string };
}

/**
 * Issue 15, F2: an accepted ORDER_PLACED_EVENT whose stream record is over PutEvents' 256 KB used to
 * hold the ecommerce pipe (retries −1, no bisect, no DLQ) and every order behind it for 24 hours.
 * Written straight to the table (the API will refuse such a userId), it now ends in the pipe's DLQ
 * after its bounded retries, and an order placed after it completes.
 */
describe('a stream record the bus cannot take goes to the pipe DLQ and the saga goes on (issue 15, F2)', () => {
  let ecommerce: EcommerceCloud;
  let api: EcommerceClient;

  beforeAll(async () => {
    // 10 retries from 5 ms, doubling: about 5 s of backoff instead of 2.5 minutes.
    ecommerce = await startEcommerce(APP, { mode: 'accept' }, { retryBaseDelayMs: 5 });
    api = ecommerce.api;
  });
  afterAll(() => ecommerce?.stop());

  it('dead-letters the oversized record with AWS failure record, and a later order reaches PAYMENT_ACCEPTED', async () => {
    // Prepare
    const { dynamodb, streams, sqs } = ecommerce.cloud.services;
    const table = `${APP}-store`;
    await api.restocked({ sku: 'F2-SKU', units: 5, lotId: 'F2-LOT' });
    const poison = orderEvent('ORDER_PLACED_EVENT', { orderId: 'F2-POISON', sku: 'F2-SKU', units: 1, price: 1, userId: 'u'.repeat(300_000) }, new Date().toISOString());
    const later = { orderId: 'F2-LATER', sku: 'F2-SKU', units: 2, price: 10, userId: 'USER-F2' };

    // Act
    await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(poison) }));
    expect((await api.placeOrder(later)).status).toBe(202);

    // Assess: the later order went through the pipe, which keeps the stream's order, so the poison was handled first.
    await api.waitForOrderStatus('F2-LATER', 'ORDER_PAYMENT_ACCEPTED_STATUS', 60_000);
    await api.waitForUnits('F2-SKU', 3);
    expect(await api.order('F2-POISON')).toBeUndefined();
    await waitFor(() => sqs.stats(DLQ).visible > 0, { timeoutMs: 10_000, description: `a message in ${DLQ}` });
    const messages = await sqs.receiveMessages(DLQ, { maxNumberOfMessages: 10, waitTimeSeconds: 0 });
    expect(messages).toHaveLength(1);
    const failure = JSON.parse(messages[0]!.body) as StreamFailureRecord;
    const streamArn = (await dynamodb.send(new DescribeTableCommand({ TableName: table }))).Table!.LatestStreamArn!;
    expect(failure.requestContext).toMatchObject({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 11, functionArn: expect.stringContaining(`pipe/${APP}-storeToBus`) });
    expect(failure.DDBStreamBatchInfo).toMatchObject({ batchSize: 1, streamArn, startSequenceNumber: failure.DDBStreamBatchInfo.endSequenceNumber });
    // The record is referenced, not copied: its shard and sequence number find it in the stream.
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: failure.DDBStreamBatchInfo.shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: failure.DDBStreamBatchInfo.startSequenceNumber }),
    );
    const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 1 }));
    expect(Records?.[0]?.dynamodb?.Keys).toEqual({ pk: { S: poison.pk }, sk: { S: poison.sk } });
  });
});
