import type {
  BatchResultErrorEntry,
  ChangeMessageVisibilityBatchResult,
  DeleteMessageBatchResult,
  GetQueueAttributesResult,
  ListDeadLetterSourceQueuesResult,
  ListQueuesResult,
  ListMessageMoveTasksResult,
  ListQueueTagsResult,
  Message,
  ReceiveMessageResult,
  SendMessageBatchResult,
  SendMessageResult,
} from '@aws-sdk/client-sqs';
import { ownOperation } from '../protocol/operations.ts';
import { el, field, type XmlContent, type XmlElement } from '../protocol/xml.ts';

/** Binary attribute values travel as base64 text in the JSON output already, as in XML. */
type WireMessage = Omit<Message, 'MessageAttributes'> & {
  MessageAttributes?: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: string }>;
};

/**
 * The children of `<ActionResult>` for a JSON API output, in the element names and order of the SQS
 * API reference (flattened lists: repeated `QueueUrl`, `Attribute`, `Message`, … elements).
 * `undefined`: the action's response has no result element.
 */
export function sqsQueryResult(action: string, output: unknown): XmlContent[] | undefined {
  const serialize = ownOperation(SERIALIZERS, action);
  return serialize ? serialize((output ?? {}) as never) : undefined;
}

const SERIALIZERS: Record<string, (output: never) => XmlContent[]> = {
  CreateQueue: (output: { QueueUrl?: string }) => [field('QueueUrl', output.QueueUrl)],
  GetQueueUrl: (output: { QueueUrl?: string }) => [field('QueueUrl', output.QueueUrl)],
  ListQueues: (output: ListQueuesResult) => [(output.QueueUrls ?? []).map((url) => el('QueueUrl', url)), field('NextToken', output.NextToken)],
  ListDeadLetterSourceQueues: (output: ListDeadLetterSourceQueuesResult) => [(output.queueUrls ?? []).map((url) => el('QueueUrl', url)), field('NextToken', output.NextToken)],
  GetQueueAttributes: (output: GetQueueAttributesResult) => nameValues('Attribute', 'Name', output.Attributes),
  ListQueueTags: (output: ListQueueTagsResult) => nameValues('Tag', 'Key', output.Tags),
  SendMessage: (output: SendMessageResult) => sent(output),
  SendMessageBatch: (output: SendMessageBatchResult) => [
    (output.Successful ?? []).map((entry) => el('SendMessageBatchResultEntry', field('Id', entry.Id), ...sent(entry))),
    failures(output.Failed),
  ],
  ReceiveMessage: (output: ReceiveMessageResult) => ((output.Messages ?? []) as WireMessage[]).map(message),
  DeleteMessageBatch: (output: DeleteMessageBatchResult) => batchIds('DeleteMessageBatchResultEntry', output),
  StartMessageMoveTask: (output: { TaskHandle?: string }) => [field('TaskHandle', output.TaskHandle)],
  CancelMessageMoveTask: (output: { ApproximateNumberOfMessagesMoved?: number }) => [field('ApproximateNumberOfMessagesMoved', output.ApproximateNumberOfMessagesMoved)],
  ListMessageMoveTasks: (output: ListMessageMoveTasksResult) =>
    (output.Results ?? []).map((task) =>
      el(
        'ListMessageMoveTasksResultEntry',
        ...(['TaskHandle', 'Status', 'SourceArn', 'DestinationArn', 'MaxNumberOfMessagesPerSecond', 'ApproximateNumberOfMessagesMoved', 'ApproximateNumberOfMessagesToMove', 'FailureReason', 'StartedTimestamp'] as const).map(
          (name) => field(name, task[name]),
        ),
      ),
    ),
  ChangeMessageVisibilityBatch: (output: ChangeMessageVisibilityBatchResult) => batchIds('ChangeMessageVisibilityBatchResultEntry', output),
};

function sent(output: SendMessageResult): XmlContent[] {
  return [field('MessageId', output.MessageId), field('MD5OfMessageBody', output.MD5OfMessageBody), field('MD5OfMessageAttributes', output.MD5OfMessageAttributes)];
}

function batchIds(entryName: string, output: { Successful?: { Id?: string }[]; Failed?: BatchResultErrorEntry[] }): XmlContent[] {
  return [(output.Successful ?? []).map((entry) => el(entryName, field('Id', entry.Id))), failures(output.Failed)];
}

function failures(failed: BatchResultErrorEntry[] | undefined): XmlElement[] {
  return (failed ?? []).map((entry) =>
    el('BatchResultErrorEntry', field('Id', entry.Id), field('Code', entry.Code), field('Message', entry.Message), field('SenderFault', entry.SenderFault)),
  );
}

function nameValues(element: string, keyName: string, map: Record<string, string> | undefined): XmlElement[] {
  return Object.entries(map ?? {}).map(([key, value]) => el(element, el(keyName, key), el('Value', value)));
}

function message(wire: WireMessage): XmlElement {
  return el(
    'Message',
    field('MessageId', wire.MessageId),
    field('ReceiptHandle', wire.ReceiptHandle),
    field('MD5OfBody', wire.MD5OfBody),
    field('Body', wire.Body),
    nameValues('Attribute', 'Name', wire.Attributes),
    field('MD5OfMessageAttributes', wire.MD5OfMessageAttributes),
    Object.entries(wire.MessageAttributes ?? {}).map(([name, value]) =>
      el('MessageAttribute', el('Name', name), el('Value', field('StringValue', value.StringValue), field('BinaryValue', value.BinaryValue), field('DataType', value.DataType))),
    ),
  );
}
