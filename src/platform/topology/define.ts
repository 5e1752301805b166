import type { AppDef, ResourceRef } from './types.ts';
import { validateApp } from './validate.ts';

/**
 * Declares an app's topology once; the local cloud runs it and the CDK synthesizes it.
 * Validates at load time and throws a TopologyError listing every problem.
 *
 * @example
 * export default defineApp({
 *   name: 'shop',
 *   tables: { events: { partitionKey: { name: 'pk', type: 'S' }, stream: 'NEW_IMAGE' } },
 *   queues: { work: {} },
 *   functions: { worker: { handler: 'src/apps/shop/worker.ts#handler', triggers: [{ type: 'sqs', queue: 'work' }] } },
 * });
 */
export function defineApp<const T extends AppDef>(app: T): T {
  validateApp(app);
  return app;
}

export const tableName = (name: string): ResourceRef => ({ ref: 'tableName', name });
export const tableStreamArn = (name: string): ResourceRef => ({ ref: 'tableStreamArn', name });
export const queueUrl = (name: string): ResourceRef => ({ ref: 'queueUrl', name });
export const queueArn = (name: string): ResourceRef => ({ ref: 'queueArn', name });
export const busName = (name: string): ResourceRef => ({ ref: 'busName', name });
export const busArn = (name: string): ResourceRef => ({ ref: 'busArn', name });
export const bucketName = (name: string): ResourceRef => ({ ref: 'bucketName', name });
export const kinesisStreamName = (name: string): ResourceRef => ({ ref: 'kinesisStreamName', name });
export const kinesisStreamArn = (name: string): ResourceRef => ({ ref: 'kinesisStreamArn', name });
