import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DomainError, InvalidArgumentsError, isTransient } from './errors.ts';
import { createLogger, type Logger } from './log.ts';

export interface SqsWorkerOptions<Event> {
  /** Turns the stored event (the unmarshalled stream NewImage) into a typed event or throws InvalidArgumentsError. */
  parse: (item: Record<string, unknown>) => Event;
  handle: (event: NoInfer<Event>, record: SQSRecord) => Promise<void>;
  /** Default: a JSON logger tagged with the function name. */
  logger?: Logger;
}

/**
 * Turns a per-event handler into an SQS batch handler for events routed from the event store
 * (SQS body = the EventBridge event whose detail is the DynamoDB stream record). Records run one
 * after another; a transient failure is reported in `batchItemFailures` (SQS redelivers it), a
 * permanent one is logged and acknowledged.
 *
 * @example
 * export const handler = sqsWorker({ parse: parseOrderEvent(['ORDER_CREATED_EVENT']), handle: (event) => allocate(deps, event) });
 */
export function sqsWorker<Event>(options: SqsWorkerOptions<Event>) {
  const logger = options.logger ?? createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } });
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    if (!Array.isArray(event?.Records)) return { batchItemFailures };
    for (const record of event.Records) {
      try {
        await options.handle(options.parse(storedEvent(record)), record);
      } catch (error) {
        const context = { messageId: record.messageId, error: describe(error) };
        if (isTransient(error)) {
          logger.warn('transient failure, the message will be retried', context);
          batchItemFailures.push({ itemIdentifier: record.messageId });
        } else {
          logger.warn('permanent failure, the message is dropped', context);
        }
      }
    }
    return { batchItemFailures };
  };
}

/** The event-store item carried by an SQS message: EventBridge event → stream record → NewImage. */
export function storedEvent(record: SQSRecord): Record<string, unknown> {
  let image: unknown;
  try {
    image = (JSON.parse(record.body) as { detail?: { dynamodb?: { NewImage?: unknown } } }).detail?.dynamodb?.NewImage;
  } catch (error) {
    throw new InvalidArgumentsError('the message body is not JSON', [], { cause: error });
  }
  if (typeof image !== 'object' || image === null) throw new InvalidArgumentsError('the message carries no stream NewImage');
  return unmarshall(image as Parameters<typeof unmarshall>[0]);
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof DomainError) return { name: error.name, message: error.message, context: error.context };
  // Anything else is unexpected (a bug or a dependency failure): keep the stack and the cause.
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack, cause: error.cause === undefined ? undefined : String(error.cause) };
  return { message: String(error) };
}
