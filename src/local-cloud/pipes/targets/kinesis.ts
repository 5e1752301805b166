import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { PipeTargetDefinition } from '../definition.ts';
import { PipeDeliveryError } from '../errors.ts';
import { dynamicParameter } from '../json-path.ts';
import type { RemoteTarget } from './target.ts';

/** PutRecords takes at most 500 records (AWS's batch limit for a Kinesis target). */
const MAX_RECORDS = 500;

/**
 * A Kinesis stream: one record per event, in order, its data the event's JSON or the rendered
 * template's text, its partition key the `PartitionKey` parameter (a constant, or a JSON path read
 * from each event). A record the stream refuses fails the batch, which is sent again whole
 * (at-least-once, as on AWS).
 */
export function kinesisTarget(target: Extract<PipeTargetDefinition, { kind: 'kinesis' }>, options: { client: KinesisClient; arn: string }): RemoteTarget {
  return {
    kind: 'remote',
    arn: options.arn,
    async send(events) {
      const records = events.map((event) => {
        const partitionKey = dynamicParameter(target.partitionKey, event.decoded);
        if (partitionKey === '') throw new PipeDeliveryError('target', `PartitionKey ${target.partitionKey} is empty for an event`);
        return { PartitionKey: partitionKey, Data: Buffer.from(event.text) };
      });
      for (let i = 0; i < records.length; i += MAX_RECORDS) {
        const result = await options.client.send(new PutRecordsCommand({ StreamName: target.streamName, Records: records.slice(i, i + MAX_RECORDS) }));
        const failed = result.Records?.find((record) => record.ErrorCode);
        if (result.FailedRecordCount) throw new PipeDeliveryError('target', `${failed?.ErrorCode}: ${failed?.ErrorMessage}`);
      }
      return [];
    },
  };
}
