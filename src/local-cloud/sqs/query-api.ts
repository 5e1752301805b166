import type { AwsQueryService } from '../protocol/aws-query.ts';
import { createSqsApi, SQS_MAX_REQUEST_BYTES } from './api.ts';
import { QUEUE_PATH, sqsJsonInput } from './query-input.ts';
import { sqsQueryResult } from './query-output.ts';
import type { SqsService } from './service.ts';

/** The actions of SQS's 2012-11-05 query API that the local SQS serves (all its JSON API serves). */
const ACTIONS = [
  'CreateQueue', 'GetQueueUrl', 'GetQueueAttributes', 'SetQueueAttributes', 'ListQueues', 'ListDeadLetterSourceQueues',
  'DeleteQueue', 'PurgeQueue', 'TagQueue', 'UntagQueue', 'ListQueueTags', 'SendMessage', 'SendMessageBatch',
  'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch',
  'StartMessageMoveTask', 'ListMessageMoveTasks', 'CancelMessageMoveTask',
];

/**
 * SQS's legacy awsQuery face (form-encoded `Action=SendMessage&…`, XML answers), which AWS CLI
 * before mid-2024, boto3 before 1.34.x and other older SDKs send. Each request is turned into the
 * JSON API's input and run by the same operations on the same SqsService, so both faces share
 * state, validation and errors; errors carry the legacy query codes
 * (`AWS.SimpleQueueService.NonExistentQueue`, …).
 *
 * @example
 * const api = createSqsQueryApi(sqs);
 * app.post('*', (c) => handleAwsQuery([api], c.req.raw));
 */
export function createSqsQueryApi(sqs: SqsService): AwsQueryService {
  const json = createSqsApi(sqs);
  return {
    signingName: 'sqs',
    xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
    actions: new Set(ACTIONS),
    maxRequestBytes: SQS_MAX_REQUEST_BYTES,
    ownsPath: (path) => QUEUE_PATH.test(path),
    async handle(action, params, request) {
      const output = await json.handle(action, sqsJsonInput(action, params, request.path));
      return sqsQueryResult(action, output);
    },
  };
}
