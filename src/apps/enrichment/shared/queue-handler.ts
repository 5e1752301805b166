import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { DomainError, isTransient } from '../../../platform/errors.ts';
import { createLogger } from '../../../platform/log.ts';

/**
 * Turns a per-message operation into an SQS handler (use with `reportBatchItemFailures`): a message
 * that fails transiently is reported in `batchItemFailures` so SQS redelivers it (and, after
 * maxReceiveCount, moves it to the DLQ); a malformed message or a permanent DomainError is logged and
 * acknowledged.
 *
 * @example export const handler = queueHandler(finishMessageSchema, (message) => finishRequest(deps(), message));
 */
export function queueHandler<Schema extends z.ZodType>(schema: Schema, handle: (message: z.output<Schema>, record: SQSRecord) => Promise<void>) {
  const logger = createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } });
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records ?? []) {
      const message = parse(schema, record.body);
      if (!message.success) {
        logger.error('malformed message dropped', { messageId: record.messageId, error: message.error });
        continue;
      }
      try {
        await handle(message.data, record);
      } catch (error) {
        const context = { messageId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount, error: describe(error) };
        if (isTransient(error)) {
          logger.warn('message failed, it will be retried', context);
          batchItemFailures.push({ itemIdentifier: record.messageId });
        } else {
          logger.error('message failed permanently, dropped', context);
        }
      }
    }
    return { batchItemFailures };
  };
}

function parse<Schema extends z.ZodType>(schema: Schema, body: string) {
  try {
    return schema.safeParse(JSON.parse(body));
  } catch (error) {
    return { success: false as const, error };
  }
}

function describe(error: unknown): unknown {
  return error instanceof DomainError ? { name: error.name, message: error.message, context: error.context } : error;
}
