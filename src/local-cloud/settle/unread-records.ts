import { GetRecordsCommand as GetStreamRecordsCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { openIterator } from '../streams/iterators.ts';
import type { CheckpointStore } from '../streams/index.ts';
import { describeShards } from '../streams/shards.ts';

const quiet = { warn: () => undefined, error: () => undefined };

/**
 * Whether a DynamoDB stream holds a record after `consumerId`'s checkpoint in any shard it has not
 * finished: one GetRecords of one record per shard, from where the consumer would read next. A batch
 * being handled or waiting for a retry is not checkpointed yet, so it counts as unread.
 */
export async function unreadDynamoDbRecords(client: DynamoDBStreamsClient, checkpoints: CheckpointStore, consumerId: string, streamArn: string): Promise<boolean> {
  const { shards } = await describeShards(client, streamArn);
  for (const shard of shards) {
    const checkpoint = checkpoints.get(consumerId, shard.shardId);
    if (checkpoint?.done) continue;
    const iterator = await openIterator({ client, streamArn }, shard.shardId, checkpoint?.sequenceNumber, quiet);
    if (iterator === undefined) continue;
    const page = await client.send(new GetStreamRecordsCommand({ ShardIterator: iterator, Limit: 1 }));
    if ((page.Records ?? []).length > 0) return true;
  }
  return false;
}

/** The same for a Kinesis stream (kinesalite). */
export async function unreadKinesisRecords(client: KinesisClient, checkpoints: CheckpointStore, consumerId: string, streamName: string): Promise<boolean> {
  const shardIds: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: streamName }));
    for (const shard of page.Shards ?? []) if (shard.ShardId) shardIds.push(shard.ShardId);
    nextToken = page.NextToken;
  } while (nextToken);
  for (const shardId of shardIds) {
    const checkpoint = checkpoints.get(consumerId, shardId);
    if (checkpoint?.done) continue;
    const after = checkpoint?.sequenceNumber;
    const { ShardIterator: iterator } = await client.send(
      new GetShardIteratorCommand({
        StreamName: streamName,
        ShardId: shardId,
        ...(after === undefined ? { ShardIteratorType: 'TRIM_HORIZON' } : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: after }),
      }),
    );
    if (iterator === undefined) continue;
    const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1 }));
    if ((page.Records ?? []).length > 0) return true;
  }
  return false;
}
