import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createLogger, type Logger } from '../../../platform/log.ts';
import { fromItem, type LoggedEvent } from '../event-log/records.ts';
import { toDomainEvent } from '../shared/domain-event.ts';
import { batchItemFailures } from './batch-item-failures.ts';

export interface PublisherDeps {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
}

/** Kinesis's limit of records per PutRecords. */
const MAX_RECORDS_PER_PUT = 500;

interface Outgoing {
  readonly streamSequenceNumber: string;
  readonly logged: LoggedEvent;
  readonly eventVersion: string;
}

/**
 * The event log's stream → Kinesis (decision 6): each INSERT becomes a DomainEvent, put with the
 * aggregate id as partition key (order per dispense, dispenses spread across shards). The first
 * entry Kinesis rejects is reported by its stream record's SequenceNumber, so Lambda retries from
 * it (see `batchItemFailures`); a failed call fails the batch (bisect and retries are the mapping's).
 */
export function publisher(deps: PublisherDeps, logger: Logger = createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } })) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const outgoing = (event.Records ?? []).flatMap((record) => toOutgoing(record, logger));
    for (let start = 0; start < outgoing.length; start += MAX_RECORDS_PER_PUT) {
      const chunk = outgoing.slice(start, start + MAX_RECORDS_PER_PUT);
      const response = await deps.kinesis.send(
        new PutRecordsCommand({
          StreamName: deps.streamName,
          Records: chunk.map(({ logged, eventVersion }) => ({
            PartitionKey: logged.aggregateId,
            Data: new TextEncoder().encode(JSON.stringify(toDomainEvent(logged, eventVersion))),
          })),
        }),
      );
      const results = response.Records ?? [];
      results.forEach((result, i) => {
        if (result.ErrorCode) logger.warn('Kinesis rejected a record', { sequenceNumber: chunk[i]?.streamSequenceNumber, errorCode: result.ErrorCode, errorMessage: result.ErrorMessage });
      });
      const failures = batchItemFailures(chunk.map((o) => o.streamSequenceNumber), results);
      // Later chunks would only overtake the failed record: Lambda redelivers them with it.
      if (failures.length > 0) return { batchItemFailures: failures };
    }
    return { batchItemFailures: [] };
  };
}

/** An INSERT of an event item; anything else (a MODIFY by hand, an unreadable item) is logged and skipped. */
function toOutgoing(record: DynamoDBRecord, logger: Logger): Outgoing[] {
  const image = record.dynamodb?.NewImage;
  const streamSequenceNumber = record.dynamodb?.SequenceNumber ?? '';
  if (record.eventName !== 'INSERT' || !image) return [];
  try {
    const item = unmarshall(image as Record<string, AttributeValue>);
    return [{ streamSequenceNumber, logged: fromItem(item), eventVersion: String(item.EventVersion) }];
  } catch (error) {
    logger.error('stream record skipped: not an event-log item', { sequenceNumber: streamSequenceNumber, error });
    return [];
  }
}
