import { describe, expect, it } from 'vitest';
import { dispensaryApp } from './topology.ts';

describe('dispensary topology (spec "Decisions" 3–9)', () => {
  const app = dispensaryApp();

  it('declares the event log, snapshots and view tables with their keys', () => {
    expect(app.tables['event-log']).toEqual({
      partitionKey: { name: 'AggregateTypeAndId', type: 'S' },
      sortKey: { name: 'AggregateIdSequence', type: 'N' },
      stream: 'NEW_IMAGE',
    });
    expect(app.tables['event-snapshots'].partitionKey).toEqual({ name: 'AggregateTypeAndId', type: 'S' });
    expect(app.tables['dispenses-view'].partitionKey).toEqual({ name: 'ViewId', type: 'S' });
  });

  it('wires the publisher, the views projector and the analyzer as the decisions say', () => {
    const { publisher, 'projector-views': views, 'projector-analyzer': analyzer, api } = app.functions;
    expect(publisher!.triggers).toEqual([
      expect.objectContaining({ type: 'dynamodb-stream', table: 'event-log', maximumRetryAttempts: 3, bisectBatchOnFunctionError: true, reportBatchItemFailures: true, onFailureQueue: 'publisher-dlq' }),
    ]);
    expect(views!.triggers).toEqual([
      expect.objectContaining({ type: 'kinesis', stream: 'events', batchSize: 10, maximumRetryAttempts: 3, bisectBatchOnFunctionError: true, reportBatchItemFailures: true, onFailureQueue: 'projector-views-dlq' }),
    ]);
    // A gap is caught up from the event log: the projector queries it.
    expect(views!.tableAccess).toEqual({ 'dispenses-view': ['GetItem', 'PutItem'], 'event-log': ['Query'] });
    expect(views!.environment).toMatchObject({ EVENT_LOG_TABLE_NAME: { ref: 'tableName', name: 'event-log' } });
    expect(api!.environment).toMatchObject({ SNAPSHOTS_TABLE_NAME: { ref: 'tableName', name: 'event-snapshots' } });
    expect(analyzer!.triggers!.map((t) => t.type === 's3' && `${t.prefix}*${t.suffix}`)).toEqual(['prescriptions/*.jpg', 'prescriptions/*.jpeg', 'prescriptions/*.png', 'prescriptions/*.pdf']);
    expect(api!.localAliases).toEqual(['dispensary-local-api']);
    expect(app.httpApis.api.baseUrlEnv).toBe('DISPENSARY_API_BASE_URL');
    expect(app.kinesisStreams.events).toEqual({ shardCount: 1, retentionHours: 24 });
    expect(app.buckets.prescriptions).toEqual({ versioned: true });
  });
});
