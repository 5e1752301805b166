import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { describeError, InvalidArgumentsError, isExpected, isTransient } from './errors.ts';
import { createLogger, type Logger } from './log.ts';
import { zodIssues } from './validation.ts';

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
 * permanent one is logged (at info when it is `expected`: a duplicate, a stale event) and acknowledged.
 *
 * @example
 * export const handler = sqsWorker({ parse: parseOrderEvent(['ORDER_CREATED_EVENT']), handle: (event) => allocate(deps, event) });
 */
export function sqsWorker<Event>(options: SqsWorkerOptions<Event>) {
  return sqsBatchHandler((record) => options.parse(storedEvent(record)), options.handle, options.logger);
}

/**
 * Turns a per-message handler into an SQS batch handler for messages an app sends itself (the body
 * is JSON matching `schema`). Same failure rules as sqsWorker: a transient failure is reported in
 * `batchItemFailures`; a malformed body or a permanent failure is logged and acknowledged.
 *
 * @example
 * export const handler = sqsMessageWorker(splitMessageSchema, (message) => splitRequest(deps, message));
 */
export function sqsMessageWorker<Schema extends z.ZodType>(schema: Schema, handle: (message: z.output<Schema>, record: SQSRecord) => Promise<void>, logger?: Logger) {
  return sqsBatchHandler((record) => messageBody(schema, record), handle, logger);
}

function sqsBatchHandler<Message>(parse: (record: SQSRecord) => Message, handle: (message: Message, record: SQSRecord) => Promise<void>, logger?: Logger) {
  const log = logger ?? createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } });
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    if (!Array.isArray(event?.Records)) return { batchItemFailures };
    for (const record of event.Records) {
      try {
        await handle(parse(record), record);
      } catch (error) {
        const context = { messageId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount, error: describeError(error) };
        if (isTransient(error)) {
          log.warn('transient failure, the message will be retried', context);
          batchItemFailures.push({ itemIdentifier: record.messageId });
        } else if (isExpected(error)) {
          log.info('nothing to do, the message is acknowledged', context);
        } else {
          log.warn('permanent failure, the message is dropped', context);
        }
      }
    }
    return { batchItemFailures };
  };
}

function messageBody<Schema extends z.ZodType>(schema: Schema, record: SQSRecord): z.output<Schema> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch (error) {
    throw new InvalidArgumentsError('the message body is not JSON', [], { cause: error });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new InvalidArgumentsError('the message body does not match its schema', zodIssues(parsed.error));
  return parsed.data;
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
