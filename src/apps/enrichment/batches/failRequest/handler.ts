import { dynamoDb } from '../../../../platform/aws-clients.ts';
import { config } from '../../shared/config.ts';
import { deadLetterSchema } from '../../shared/messages.ts';
import { sqsMessageWorker } from '../../../../platform/sqs-worker.ts';
import { StatusTable } from '../../shared/status-table.ts';
import { failRequest } from './failRequest.ts';

const deps = { status: new StatusTable(dynamoDb(), config.table), now: () => new Date().toISOString() };

/** Dead-letter queue consumer: the request of a dead message becomes `failed`. */
export const handler = sqsMessageWorker(deadLetterSchema, (message) => failRequest(deps, message));
