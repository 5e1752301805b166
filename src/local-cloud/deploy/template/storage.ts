import type { CreateTableCommandInput, GlobalSecondaryIndex, LocalSecondaryIndex } from '@aws-sdk/client-dynamodb';
import type { LoadedStack } from '../../templates/types.ts';
import type { KinesisStreamPlan, QueuePlan, StoragePlan, TablePlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { readProperties } from './values.ts';

const QUEUE_ATTRIBUTES = ['VisibilityTimeout', 'MessageRetentionPeriod', 'DelaySeconds', 'ReceiveMessageWaitTimeSeconds', 'MaximumMessageSize'] as const;

/** A template's tables, queues, buses, buckets and Kinesis streams, in dependency order. */
export function templateStorage(stack: LoadedStack, lookup: TemplateLookup, warn: (logicalId: string, message: string) => void): StoragePlan {
  const tables: TablePlan[] = [];
  const queues: QueuePlan[] = [];
  const buses: string[] = [];
  const buckets: string[] = [];
  const kinesisStreams: KinesisStreamPlan[] = [];
  const byId = new Map(stack.resources.map((r) => [r.logicalId, r]));
  for (const logicalId of stack.order) {
    const resource = byId.get(logicalId);
    if (!resource) continue;
    const properties = () => readProperties(stack.resolver.resolveProperties(logicalId, lookup), { file: stack.file, logicalId });
    switch (resource.type) {
      case 'AWS::DynamoDB::Table':
        tables.push(tablePlan(lookup.name(logicalId), properties()));
        break;
      case 'AWS::SQS::Queue': {
        const p = properties();
        const attributes: Record<string, string> = {};
        for (const key of QUEUE_ATTRIBUTES) {
          const value = p.number(key);
          if (value !== undefined) attributes[key] = String(value);
        }
        const redrive = p.raw('RedrivePolicy');
        if (redrive !== undefined) attributes.RedrivePolicy = typeof redrive === 'string' ? redrive : JSON.stringify(redrive);
        if (p.boolean('FifoQueue')) warn(logicalId, 'FIFO queues run as standard queues locally (no ordering by group, no deduplication).');
        queues.push({ name: lookup.name(logicalId), attributes });
        break;
      }
      case 'AWS::Events::EventBus':
        buses.push(lookup.name(logicalId));
        break;
      case 'AWS::S3::Bucket':
        buckets.push(lookup.name(logicalId));
        break;
      case 'AWS::Kinesis::Stream': {
        const p = properties();
        const onDemand = p.object('StreamModeDetails')?.StreamMode === 'ON_DEMAND';
        kinesisStreams.push({
          name: lookup.name(logicalId),
          shardCount: p.number('ShardCount') ?? 1,
          retentionHours: p.number('RetentionPeriodHours') ?? 24,
          ...(onDemand && { mode: 'ON_DEMAND' as const }),
        });
        break;
      }
    }
  }
  return { tables, queues, buses, buckets, kinesisStreams };
}

/** CreateTable's input from the template's table, on-demand whatever its billing mode (DynamoDB Local ignores capacity). */
function tablePlan(name: string, p: ReturnType<typeof readProperties>): TablePlan {
  const stripThroughput = <T extends object>(index: T) => {
    const { ProvisionedThroughput: _throughput, OnDemandThroughput: _onDemand, ContributorInsightsSpecification: _insights, ...rest } = index as T & Record<string, unknown>;
    return rest as T;
  };
  const stream = p.object('StreamSpecification');
  const ttl = p.object('TimeToLiveSpecification');
  const input: CreateTableCommandInput & { TableName: string } = {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: p.array('AttributeDefinitions') as CreateTableCommandInput['AttributeDefinitions'],
    KeySchema: p.array('KeySchema') as CreateTableCommandInput['KeySchema'],
    ...(p.array('GlobalSecondaryIndexes') && { GlobalSecondaryIndexes: (p.array('GlobalSecondaryIndexes') as GlobalSecondaryIndex[]).map(stripThroughput) }),
    ...(p.array('LocalSecondaryIndexes') && { LocalSecondaryIndexes: p.array('LocalSecondaryIndexes') as LocalSecondaryIndex[] }),
    ...(stream?.StreamViewType !== undefined && { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType as 'NEW_IMAGE' } }),
  };
  const ttlAttribute = ttl && (ttl.Enabled === true || ttl.Enabled === 'true') ? String(ttl.AttributeName) : undefined;
  return { input, ...(ttlAttribute && { timeToLiveAttribute: ttlAttribute }) };
}
