import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { CheckpointStore } from './checkpoints.ts';
import { errorName } from './errors.ts';
import type { StreamLogger } from './logger.ts';
import type { ShardInfo } from './shards.ts';

export interface ShardTarget {
  client: DynamoDBStreamsClient;
  streamArn: string;
  abortSignal?: AbortSignal;
}

/**
 * An iterator just after `afterSequenceNumber`, or at the shard's first record when there is none.
 * If that position was trimmed away (records older than 24 h), the oldest record left is next.
 */
export async function openIterator(
  target: ShardTarget,
  shardId: string,
  afterSequenceNumber: string | undefined,
  logger: StreamLogger,
): Promise<string | undefined> {
  const { client, streamArn, abortSignal } = target;
  const open = async (type: 'AFTER_SEQUENCE_NUMBER' | 'TRIM_HORIZON') => {
    const command = new GetShardIteratorCommand({
      StreamArn: streamArn,
      ShardId: shardId,
      ShardIteratorType: type,
      SequenceNumber: type === 'AFTER_SEQUENCE_NUMBER' ? afterSequenceNumber : undefined,
    });
    return (await client.send(command, { abortSignal })).ShardIterator;
  };
  if (afterSequenceNumber === undefined) return open('TRIM_HORIZON');
  try {
    return await open('AFTER_SEQUENCE_NUMBER');
  } catch (error) {
    if (errorName(error) !== 'TrimmedDataAccessException') throw error;
    logger.warn('checkpoint is older than the stream retention; records after it were lost, continuing at the oldest', {
      streamArn,
      shardId,
      sequenceNumber: afterSequenceNumber,
    });
    return open('TRIM_HORIZON');
  }
}

/**
 * Gives a new LATEST consumer a durable starting point, so a restart before the first record does
 * not skip what was written meanwhile: open shards are checkpointed at their last record (found by
 * reading to the end) or at their start when empty, closed shards are marked finished.
 */
export async function checkpointLatest(
  target: ShardTarget,
  shards: readonly ShardInfo[],
  consumerId: string,
  checkpoints: CheckpointStore,
): Promise<void> {
  const ends = new Map<string, { last: string | undefined; closed: boolean }>();
  for (const shard of shards) {
    ends.set(shard.shardId, shard.closed ? { last: undefined, closed: true } : await readToEnd(target, shard.shardId));
  }
  checkpoints.db.transaction(() => {
    for (const [shardId, end] of ends) {
      if (end.closed) checkpoints.markShardDone(consumerId, shardId);
      else if (end.last === undefined) checkpoints.saveShardStart(consumerId, shardId);
      else checkpoints.save(consumerId, shardId, end.last);
    }
  })();
}

async function readToEnd(target: ShardTarget, shardId: string): Promise<{ last: string | undefined; closed: boolean }> {
  const { client, streamArn, abortSignal } = target;
  const start = new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
  let iterator = (await client.send(start, { abortSignal })).ShardIterator;
  let last: string | undefined;
  while (iterator) {
    const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }), { abortSignal });
    const records = page.Records ?? [];
    if (records.length === 0 && page.NextShardIterator) return { last, closed: false };
    last = records.at(-1)?.dynamodb?.SequenceNumber ?? last;
    iterator = page.NextShardIterator;
  }
  return { last, closed: true };
}
