import { DescribeStreamCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

export interface ShardInfo {
  shardId: string;
  parentShardId: string | undefined;
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
        parentShardId: shard.ParentShardId,
        closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
      });
    }
    exclusiveStartShardId = description?.LastEvaluatedShardId;
  } while (exclusiveStartShardId);
  return { status, shards };
}

/**
 * The shards a consumer may read now: not finished, and whose parent is finished or gone (trimmed
 * after 24 h). A child is read only after its parent, which keeps per-item order across a rollover.
 */
export function readyShards(shards: readonly ShardInfo[], isDone: (shardId: string) => boolean): ShardInfo[] {
  const listed = new Set(shards.map((shard) => shard.shardId));
  return shards.filter((shard) => {
    if (isDone(shard.shardId)) return false;
    const parent = shard.parentShardId;
    return parent === undefined || !listed.has(parent) || isDone(parent);
  });
}
