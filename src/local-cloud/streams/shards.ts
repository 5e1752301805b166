import { DescribeStreamCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

export interface ShardInfo {
  shardId: string;
  /** One parent after a split or a rollover, two after a Kinesis merge, none for an original shard. */
  parents: readonly string[];
  /** DescribeStream reports an ending sequence number: no record will be added. */
  closed: boolean;
}

export interface StreamShards {
  /** `ENABLING` | `ENABLED` | `DISABLING` | `DISABLED`. */
  status: string;
  shards: ShardInfo[];
}

/** Every shard of a stream (DescribeStream, all pages). */
export async function describeShards(client: DynamoDBStreamsClient, streamArn: string, abortSignal?: AbortSignal): Promise<StreamShards> {
  const shards: ShardInfo[] = [];
  let status = 'ENABLED';
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription: description } = await client.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      { abortSignal },
    );
    status = description?.StreamStatus ?? status;
    for (const shard of description?.Shards ?? []) {
      if (!shard.ShardId) continue;
      shards.push({
        shardId: shard.ShardId,
        parents: shard.ParentShardId ? [shard.ParentShardId] : [],
        closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
      });
    }
    exclusiveStartShardId = description?.LastEvaluatedShardId;
  } while (exclusiveStartShardId);
  return { status, shards };
}

/**
 * The shards a consumer may read now: not finished, and whose parents are finished or gone (trimmed
 * after the retention period). A child is read only after its parents, which keeps per-key order
 * across a rollover, a split or a merge. Used by the DynamoDB Streams and the Kinesis readers.
 */
export function readyShards<Shard extends ShardInfo>(shards: readonly Shard[], isDone: (shardId: string) => boolean): Shard[] {
  const listed = new Set(shards.map((shard) => shard.shardId));
  return shards.filter((shard) => !isDone(shard.shardId) && shard.parents.every((parent) => !listed.has(parent) || isDone(parent)));
}
