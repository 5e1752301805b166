import { deps } from '../../shared/deps.ts';
import { finishMessageSchema } from '../../shared/messages.ts';
import { queueHandler } from '../../shared/queue-handler.ts';
import { finishRequest } from './finishRequest.ts';

const finishDeps = deps();

/** Finish queue consumer: output.json in batch order, then `completed`. */
export const handler = queueHandler(finishMessageSchema, (message) => finishRequest(finishDeps, message));
