import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { InvalidArgumentsError } from '../../../platform/errors.ts';
import { createLogger, type Logger } from '../../../platform/log.ts';
import { streamBatchWorker } from '../../../platform/stream-worker.ts';
import { fromItem, type LoggedEvent } from '../event-log/records.ts';
import { toDomainEvent } from '../shared/domain-event.ts';
import { acceptedCount } from './accepted.ts';

export interface PublisherDeps {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
}

/** Kinesis's limit of records per PutRecords. */
const MAX_RECORDS_PER_PUT = 500;

interface Outgoing {
  readonly logged: LoggedEvent;
  readonly eventVersion: string;
}

/**
 * The event log's stream → Kinesis (decision 6): each INSERT becomes a DomainEvent, put with the
 * aggregate id as partition key (order per dispense, dispenses spread across shards). The first
 * entry Kinesis rejects is reported with every later record (see `acceptedCount`), so Lambda
 * retries from it and later chunks are not put; a failed call fails the batch (bisect and retries
 * are the mapping's).
 */
export function publisher(deps: PublisherDeps, logger: Logger = createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } })) {
  return streamBatchWorker({
    parse: toOutgoing,
    handleBatch: async (items) => {
      for (let start = 0; start < items.length; start += MAX_RECORDS_PER_PUT) {
        const chunk = items.slice(start, start + MAX_RECORDS_PER_PUT);
        const response = await deps.kinesis.send(
          new PutRecordsCommand({
            StreamName: deps.streamName,
            Records: chunk.map(({ item: { logged, eventVersion } }) => ({
              PartitionKey: logged.aggregateId,
              Data: new TextEncoder().encode(JSON.stringify(toDomainEvent(logged, eventVersion))),
            })),
          }),
        );
        const results = response.Records ?? [];
        results.forEach((result, i) => {
          if (result.ErrorCode) logger.warn('Kinesis rejected a record', { sequenceNumber: chunk[i]?.record.dynamodb?.SequenceNumber, errorCode: result.ErrorCode, errorMessage: result.ErrorMessage });
        });
        const accepted = acceptedCount(chunk.length, results);
        // Later chunks would only overtake the failed record: Lambda redelivers them with it.
        if (accepted < chunk.length) return start + accepted;
      }
      return items.length;
    },
    logger,
  });
}

/** An INSERT of an event item; other records need nothing; an unreadable item is permanent (logged and skipped). */
function toOutgoing(record: DynamoDBRecord): Outgoing | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return undefined;
  try {
    const item = unmarshall(image as Record<string, AttributeValue>);
    return { logged: fromItem(item), eventVersion: String(item.EventVersion) };
  } catch (error) {
    throw new InvalidArgumentsError('stream record skipped: not an event-log item', [], { cause: error });
  }
}
