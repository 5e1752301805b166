import type {
  CreateQueueCommandInput,
  CreateQueueResult,
  GetQueueAttributesCommandInput,
  GetQueueAttributesResult,
  GetQueueUrlCommandInput,
  GetQueueUrlResult,
  ListDeadLetterSourceQueuesCommandInput,
  ListDeadLetterSourceQueuesResult,
  ListQueuesCommandInput,
  ListQueuesResult,
  ListQueueTagsResult,
} from '@aws-sdk/client-sqs';
import { findOperation, type AwsJsonService } from '../protocol/index.ts';
import { optionalInteger, optionalString, requiredString, optionalStringList, optionalStringMap, type Input } from './api-input.ts';
import { messageOperations } from './api-messages.ts';
import { moveOperations } from './api-moves.ts';
import { invalidParameter } from './errors.ts';
import type { SqsService } from './service.ts';
import { validateRange } from './validation.ts';

type Operation = (input: Input) => unknown;

/**
 * The largest SQS request the local SQS reads (413 beyond). A message and a batch are at most 1 MiB
 * (SqsService checks that exactly, with AWS's errors); the cap leaves room for their encoding: JSON
 * escaping at most doubles a body, the query protocol's form encoding at most triples it.
 */
export const SQS_MAX_REQUEST_BYTES = 3 * 1_048_576 + 65_536;

/**
 * The AWS JSON 1.0 face of the local SQS (`X-Amz-Target: AmazonSQS.<Operation>`), for
 * `@aws-sdk/client-sqs` and `aws sqs --endpoint-url`.
 *
 * @example
 * const api = createSqsApi(sqs);
 * app.post('/', (c) => handleAwsJson(api, c.req.raw));
 */
export function createSqsApi(sqs: SqsService): AwsJsonService {
  const operations: Record<string, Operation> = { ...queueOperations(sqs), ...messageOperations(sqs), ...moveOperations(sqs) };
  return {
    targetPrefix: 'AmazonSQS',
    jsonVersion: '1.0',
    errorNamespace: 'com.amazonaws.sqs',
    maxRequestBytes: SQS_MAX_REQUEST_BYTES,
    handle: async (operation, input) => findOperation(operations, 'SQS', operation)(input),
  };
}

function queueOperations(sqs: SqsService): Record<string, Operation> {
  return {
    CreateQueue: (raw): CreateQueueResult => {
      const input: CreateQueueCommandInput = {
        QueueName: requiredString(raw, 'QueueName'),
        Attributes: optionalStringMap(raw, 'Attributes'),
        tags: optionalStringMap(raw, 'tags'),
      };
      return { QueueUrl: sqs.createQueue(input.QueueName as string, input.Attributes ?? {}, input.tags ?? {}) };
    },

    GetQueueUrl: (raw): GetQueueUrlResult => {
      const input: GetQueueUrlCommandInput = { QueueName: requiredString(raw, 'QueueName') };
      return { QueueUrl: sqs.queueUrl(input.QueueName as string) };
    },

    GetQueueAttributes: (raw): GetQueueAttributesResult => {
      const input: GetQueueAttributesCommandInput = {
        QueueUrl: requiredString(raw, 'QueueUrl'),
        AttributeNames: optionalStringList(raw, 'AttributeNames') as GetQueueAttributesCommandInput['AttributeNames'],
      };
      const names = input.AttributeNames ?? [];
      const attributes = sqs.getQueueAttributes(input.QueueUrl as string, names);
      return names.length === 0 ? {} : { Attributes: attributes };
    },

    SetQueueAttributes: (raw) => {
      sqs.setQueueAttributes(requiredString(raw, 'QueueUrl'), optionalStringMap(raw, 'Attributes') ?? {});
      return {};
    },

    ListQueues: (raw): ListQueuesResult => {
      const input: ListQueuesCommandInput = {
        QueueNamePrefix: optionalString(raw, 'QueueNamePrefix'),
        MaxResults: optionalInteger(raw, 'MaxResults'),
        NextToken: optionalString(raw, 'NextToken'),
      };
      const page = paginate(sqs.listQueues(input.QueueNamePrefix ?? ''), input.MaxResults, input.NextToken);
      return { QueueUrls: page.names.map((name) => sqs.queueUrl(name)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },

    ListDeadLetterSourceQueues: (raw): ListDeadLetterSourceQueuesResult => {
      const input: ListDeadLetterSourceQueuesCommandInput = {
        QueueUrl: requiredString(raw, 'QueueUrl'),
        MaxResults: optionalInteger(raw, 'MaxResults'),
        NextToken: optionalString(raw, 'NextToken'),
      };
      const page = paginate(sqs.deadLetterSourceQueues(input.QueueUrl as string), input.MaxResults, input.NextToken);
      return { queueUrls: page.names.map((name) => sqs.queueUrl(name)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },

    DeleteQueue: (raw) => {
      sqs.deleteQueue(requiredString(raw, 'QueueUrl'));
      return {};
    },

    PurgeQueue: (raw) => {
      sqs.purgeQueue(requiredString(raw, 'QueueUrl'));
      return {};
    },

    TagQueue: (raw) => {
      sqs.tagQueue(requiredString(raw, 'QueueUrl'), optionalStringMap(raw, 'Tags') ?? {});
      return {};
    },

    UntagQueue: (raw) => {
      sqs.tagQueue(requiredString(raw, 'QueueUrl'), {}, optionalStringList(raw, 'TagKeys') ?? []);
      return {};
    },

    ListQueueTags: (raw): ListQueueTagsResult => {
      const tags = sqs.queueTags(requiredString(raw, 'QueueUrl'));
      return Object.keys(tags).length > 0 ? { Tags: tags } : {};
    },
  };
}

/** AWS pages only when MaxResults is given (1–1000); without it, the first 1,000 and no token. */
function paginate(names: string[], maxResults: number | undefined, nextToken: string | undefined): { names: string[]; nextToken?: string } {
  if (maxResults !== undefined) validateRange('MaxResults', maxResults, 1, 1000);
  let start = 0;
  if (nextToken) {
    const after = Buffer.from(nextToken, 'base64url').toString('utf8');
    if (!after) throw invalidParameter('Invalid or expired next token.');
    start = names.findIndex((name) => name > after);
    if (start < 0) start = names.length;
  }
  const limit = maxResults ?? 1000;
  const page = names.slice(start, start + limit);
  const last = page.at(-1);
  return maxResults !== undefined && last !== undefined && start + limit < names.length
    ? { names: page, nextToken: Buffer.from(last, 'utf8').toString('base64url') }
    : { names: page };
}
