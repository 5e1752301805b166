import { dynamoDb } from '../../../../platform/aws-clients.ts';
import { sqsMessageWorker } from '../../../../platform/sqs-worker.ts';
import { config } from '../../shared/config.ts';
import { deps } from '../../shared/deps.ts';
import { finishMessageSchema } from '../../shared/messages.ts';
import { finishClaim } from './finish-claim.ts';
import { finishRequest } from './finishRequest.ts';

const finishDeps = { ...deps(), claim: finishClaim(dynamoDb(), config.table) };

/** Finish queue consumer: claims the finish, writes output.json in batch order, then `completed`. */
export const handler = sqsMessageWorker(finishMessageSchema, (message) => finishRequest(finishDeps, message));
