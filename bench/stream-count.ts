import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

/**
 * Counts the records of a table's stream from its start, by the first segment of the item's `pk`
 * (`EVENTS`, `ORDERS`, `INVENTORY`, `PAYMENTS`). A stream record is one item-level write that
 * changed the table — a Put, an Update, or one item of a transaction — so the difference of two
 * counts is the number of item writes in between. Writes refused by a condition leave no record.
 */
export async function countStreamRecords(streams: DynamoDBStreamsClient, streamArn: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const shards = [];
  let ExclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }));
    shards.push(...(StreamDescription?.Shards ?? []));
    ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (ExclusiveStartShardId);

  for (const shard of shards) {
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    let iterator = ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      const records = page.Records ?? [];
      for (const record of records) {
        const kind = record.dynamodb?.Keys?.pk?.S?.split('#')[0] ?? '?';
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      }
      // An open shard always hands out a next iterator; an empty page means we are at its tip.
      iterator = records.length > 0 ? page.NextShardIterator : undefined;
    }
  }
  return counts;
}

/** `after − before` per kind, and in total. */
export function diffCounts(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): { total: number; byKind: Map<string, number> } {
  const byKind = new Map<string, number>();
  for (const [kind, count] of after) byKind.set(kind, count - (before.get(kind) ?? 0));
  return { total: [...byKind.values()].reduce((sum, n) => sum + n, 0), byKind };
}
