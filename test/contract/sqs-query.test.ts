import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md5OfMessageAttributes } from '../../src/local-cloud/sqs/index.ts';
import { startLocalSqs, type LocalSqs } from '../support/local-sqs.ts';
import { elements, getQuery, postQuery, queryError, text, texts, type QueryAnswer } from '../support/query.ts';

// SQS's awsQuery protocol as AWS CLI 2.9 / boto3 1.26 speak it: the form bodies below are the ones
// botocore 1.29's query serializer writes (only the queue names and URLs differ), the XML checked
// against the shapes of the SQS API reference.
let local: LocalSqs;
const NS = 'http://queue.amazonaws.com/doc/2012-11-05/';
const REQUEST_ID = /^[0-9a-f-]{36}$/;
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const send = (body: string, path = '/') => postQuery(`${local.server.url}${path}`, body, { service: 'sqs' });
const urlOf = (name: string) => `${local.server.url}/000000000000/${name}`;
const enc = encodeURIComponent;

async function createQueue(name: string, attributes = ''): Promise<string> {
  const answer = await send(`Action=CreateQueue&Version=2012-11-05&QueueName=${name}${attributes}`);
  expect(answer.status).toBe(200);
  return text(answer.xml, 'QueueUrl')!;
}

/** The result element's inner XML after checking the response envelope AWS's parsers expect. */
function result(answer: QueryAnswer, action: string): string {
  expect(answer.status, answer.xml).toBe(200);
  expect(answer.contentType).toBe('text/xml');
  const match = new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?><${action}Response xmlns="${NS}">(?:<${action}Result>([\\s\\S]*)</${action}Result>|<${action}Result/>)?<ResponseMetadata><RequestId>([^<]+)</RequestId></ResponseMetadata></${action}Response>$`).exec(answer.xml);
  expect(match, answer.xml).not.toBeNull();
  expect(match![2]).toMatch(REQUEST_ID);
  return match![1] ?? '';
}

function expectError(answer: QueryAnswer, status: number, code: string): void {
  expect(answer.xml).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?><ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>`));
  expect(queryError(answer)).toMatchObject({ status, type: 'Sender', code, requestId: expect.stringMatching(REQUEST_ID) });
}

beforeAll(async () => {
  local = await startLocalSqs();
});

afterAll(() => local.stop());

describe('SQS over awsQuery: queues', () => {
  it('CreateQueue with Attribute.N and Tag.N, then GetQueueUrl', async () => {
    const name = unique('orders');
    const created = await send(
      `Action=CreateQueue&Version=2012-11-05&QueueName=${name}&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=45&Attribute.2.Name=DelaySeconds&Attribute.2.Value=0&Tag.1.Key=team&Tag.1.Value=shop`,
    );
    expect(result(created, 'CreateQueue')).toBe(`<QueueUrl>${urlOf(name)}</QueueUrl>`);
    expect(local.service.getQueueAttributes(name, ['VisibilityTimeout'])).toEqual({ VisibilityTimeout: '45' });
    expect(local.service.queueTags(name)).toEqual({ team: 'shop' });

    const found = await send(`Action=GetQueueUrl&Version=2012-11-05&QueueName=${name}`);
    expect(result(found, 'GetQueueUrl')).toBe(`<QueueUrl>${urlOf(name)}</QueueUrl>`);
  });

  it('answers QueueAlreadyExists and AWS.SimpleQueueService.NonExistentQueue', async () => {
    const name = unique('orders');
    await createQueue(name, '&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=45');
    expectError(await send(`Action=CreateQueue&Version=2012-11-05&QueueName=${name}&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=46`), 400, 'QueueAlreadyExists');
    expectError(await send(`Action=GetQueueUrl&Version=2012-11-05&QueueName=${unique('missing')}`), 400, 'AWS.SimpleQueueService.NonExistentQueue');
  });

  it('ListQueues: flattened QueueUrl elements, NextToken with MaxResults, an empty result element', async () => {
    const prefix = unique('list');
    await createQueue(`${prefix}-a`);
    await createQueue(`${prefix}-b`);
    const page = result(await send(`Action=ListQueues&Version=2012-11-05&QueueNamePrefix=${prefix}&MaxResults=1`), 'ListQueues');
    expect(texts(page, 'QueueUrl')).toEqual([urlOf(`${prefix}-a`)]);
    const token = text(page, 'NextToken')!;
    const rest = result(await send(`Action=ListQueues&Version=2012-11-05&QueueNamePrefix=${prefix}&MaxResults=1&NextToken=${enc(token)}`), 'ListQueues');
    expect(texts(rest, 'QueueUrl')).toEqual([urlOf(`${prefix}-b`)]);
    expect(result(await send(`Action=ListQueues&Version=2012-11-05&QueueNamePrefix=${unique('none')}`), 'ListQueues')).toBe('');
  });

  it('GetQueueAttributes (AttributeName.N) answers Attribute entries; SetQueueAttributes has no result element', async () => {
    const name = unique('attrs');
    const q = enc(await createQueue(name));
    const set = await send(`Action=SetQueueAttributes&Version=2012-11-05&QueueUrl=${q}&Attribute.1.Name=DelaySeconds&Attribute.1.Value=2`);
    expect(set.xml).not.toContain('SetQueueAttributesResult');
    result(set, 'SetQueueAttributes');
    const got = result(await send(`Action=GetQueueAttributes&Version=2012-11-05&QueueUrl=${q}&AttributeName.1=DelaySeconds&AttributeName.2=QueueArn`), 'GetQueueAttributes');
    expect(got).toBe(
      `<Attribute><Name>DelaySeconds</Name><Value>2</Value></Attribute><Attribute><Name>QueueArn</Name><Value>arn:aws:sqs:us-east-1:000000000000:${name}</Value></Attribute>`,
    );
    expectError(await send(`Action=GetQueueAttributes&Version=2012-11-05&QueueUrl=${q}&AttributeName.1=Bogus`), 400, 'InvalidAttributeName');
  });

  it('TagQueue (Tag.N), UntagQueue (TagKey.N), ListQueueTags', async () => {
    const q = enc(await createQueue(unique('tags'), '&Tag.1.Key=team&Tag.1.Value=shop'));
    result(await send(`Action=TagQueue&Version=2012-11-05&QueueUrl=${q}&Tag.1.Key=stage&Tag.1.Value=dev`), 'TagQueue');
    result(await send(`Action=UntagQueue&Version=2012-11-05&QueueUrl=${q}&TagKey.1=team`), 'UntagQueue');
    expect(result(await send(`Action=ListQueueTags&Version=2012-11-05&QueueUrl=${q}`), 'ListQueueTags')).toBe('<Tag><Key>stage</Key><Value>dev</Value></Tag>');
  });

  it('ListDeadLetterSourceQueues answers QueueUrl elements', async () => {
    const dlq = unique('dlq');
    const dlqUrl = await createQueue(dlq);
    const source = unique('source');
    const policy = JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${dlq}`, maxReceiveCount: 3 });
    await createQueue(source, `&Attribute.1.Name=RedrivePolicy&Attribute.1.Value=${enc(policy)}`);
    const sources = result(await send(`Action=ListDeadLetterSourceQueues&Version=2012-11-05&QueueUrl=${enc(dlqUrl)}`), 'ListDeadLetterSourceQueues');
    expect(sources).toBe(`<QueueUrl>${urlOf(source)}</QueueUrl>`);
  });

  it('PurgeQueue, then AWS.SimpleQueueService.PurgeQueueInProgress (403); DeleteQueue', async () => {
    const q = enc(await createQueue(unique('purge')));
    result(await send(`Action=PurgeQueue&Version=2012-11-05&QueueUrl=${q}`), 'PurgeQueue');
    expectError(await send(`Action=PurgeQueue&Version=2012-11-05&QueueUrl=${q}`), 403, 'AWS.SimpleQueueService.PurgeQueueInProgress');
    result(await send(`Action=DeleteQueue&Version=2012-11-05&QueueUrl=${q}`), 'DeleteQueue');
    expectError(await send(`Action=DeleteQueue&Version=2012-11-05&QueueUrl=${q}`), 400, 'AWS.SimpleQueueService.NonExistentQueue');
  });
});

describe('SQS over awsQuery: messages', () => {
  it('SendMessage with MessageAttribute.N answers the MD5s and the MessageId', async () => {
    const q = enc(await createQueue(unique('send')));
    const answer = await send(
      `Action=SendMessage&Version=2012-11-05&QueueUrl=${q}&MessageBody=hello&MessageAttribute.1.Name=kind&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=order&MessageAttribute.2.Name=raw&MessageAttribute.2.Value.DataType=Binary&MessageAttribute.2.Value.BinaryValue=AAE%3D`,
    );
    const sent = result(answer, 'SendMessage');
    const attributesMd5 = md5OfMessageAttributes({ kind: { DataType: 'String', StringValue: 'order' }, raw: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1]) } });
    expect(sent).toMatch(new RegExp(`^<MessageId>[0-9a-f-]{36}</MessageId><MD5OfMessageBody>${md5('hello')}</MD5OfMessageBody><MD5OfMessageAttributes>${attributesMd5}</MD5OfMessageAttributes>$`));
  });

  it('ReceiveMessage answers Message elements with Attribute and MessageAttribute entries; bodies survive XML', async () => {
    const name = unique('receive');
    const q = enc(await createQueue(name));
    const body = 'line one\r\nline <two> & "three"';
    await send(`Action=SendMessage&Version=2012-11-05&QueueUrl=${q}&MessageBody=${enc(body)}&MessageAttribute.1.Name=kind&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=order&MessageAttribute.2.Name=raw&MessageAttribute.2.Value.DataType=Binary&MessageAttribute.2.Value.BinaryValue=AAE%3D`);
    const answer = await send(`Action=ReceiveMessage&Version=2012-11-05&QueueUrl=${q}&AttributeName.1=All&MessageAttributeName.1=All&MaxNumberOfMessages=10&WaitTimeSeconds=0&VisibilityTimeout=30`);
    const [message] = elements(result(answer, 'ReceiveMessage'), 'Message');
    expect(message).toMatch(/^<MessageId>[^<]+<\/MessageId><ReceiptHandle>[^<]+<\/ReceiptHandle><MD5OfBody>[0-9a-f]{32}<\/MD5OfBody><Body>/);
    // a raw \r would reach the client as \n (XML line-end handling) and fail its MD5 check
    expect(message).toContain('<Body>line one&#xD;\nline &lt;two&gt; &amp; &quot;three&quot;</Body>');
    expect(text(message!, 'Body')).toBe(body);
    expect(text(message!, 'MD5OfBody')).toBe(md5(body));
    expect(message).toContain('<Attribute><Name>SenderId</Name><Value>000000000000</Value></Attribute>');
    expect(message).toContain('<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>');
    expect(message).toContain(
      '<MessageAttribute><Name>kind</Name><Value><StringValue>order</StringValue><DataType>String</DataType></Value></MessageAttribute><MessageAttribute><Name>raw</Name><Value><BinaryValue>AAE=</BinaryValue><DataType>Binary</DataType></Value></MessageAttribute>',
    );
    expect(text(message!, 'MD5OfMessageAttributes')).toMatch(/^[0-9a-f]{32}$/);

    const empty = await send(`Action=ReceiveMessage&Version=2012-11-05&QueueUrl=${q}&WaitTimeSeconds=0`);
    expect(empty.xml).toContain('<ReceiveMessageResult/>');
  });

  it('SendMessageBatch (SendMessageBatchRequestEntry.N) answers a result entry per message', async () => {
    const q = enc(await createQueue(unique('batch')));
    const answer = await send(
      `Action=SendMessageBatch&Version=2012-11-05&QueueUrl=${q}&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=one&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=two&SendMessageBatchRequestEntry.2.DelaySeconds=1&SendMessageBatchRequestEntry.2.MessageAttribute.1.Name=n&SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType=Number&SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue=7`,
    );
    const entries = elements(result(answer, 'SendMessageBatch'), 'SendMessageBatchResultEntry');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(new RegExp(`^<Id>a</Id><MessageId>[0-9a-f-]{36}</MessageId><MD5OfMessageBody>${md5('one')}</MD5OfMessageBody>$`));
    expect(text(entries[1]!, 'MD5OfMessageAttributes')).toBe(md5OfMessageAttributes({ n: { DataType: 'Number', StringValue: '7' } }));
  });

  it('DeleteMessage(Batch) and ChangeMessageVisibility(Batch), with BatchResultErrorEntry for a bad handle', async () => {
    const q = enc(await createQueue(unique('handles')));
    await send(`Action=SendMessageBatch&Version=2012-11-05&QueueUrl=${q}&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=one&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=two&SendMessageBatchRequestEntry.3.Id=c&SendMessageBatchRequestEntry.3.MessageBody=three`);
    const received = result(await send(`Action=ReceiveMessage&Version=2012-11-05&QueueUrl=${q}&MaxNumberOfMessages=10&WaitTimeSeconds=0`), 'ReceiveMessage');
    const [first, second, third] = texts(received, 'ReceiptHandle').map(enc);

    result(await send(`Action=ChangeMessageVisibility&Version=2012-11-05&QueueUrl=${q}&ReceiptHandle=${first}&VisibilityTimeout=60`), 'ChangeMessageVisibility');
    const changed = result(
      await send(`Action=ChangeMessageVisibilityBatch&Version=2012-11-05&QueueUrl=${q}&ChangeMessageVisibilityBatchRequestEntry.1.Id=a&ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle=${first}&ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout=0&ChangeMessageVisibilityBatchRequestEntry.2.Id=bad&ChangeMessageVisibilityBatchRequestEntry.2.ReceiptHandle=garbage&ChangeMessageVisibilityBatchRequestEntry.2.VisibilityTimeout=0`),
      'ChangeMessageVisibilityBatch',
    );
    expect(changed).toMatch(/^<ChangeMessageVisibilityBatchResultEntry><Id>a<\/Id><\/ChangeMessageVisibilityBatchResultEntry><BatchResultErrorEntry><Id>bad<\/Id><Code>ReceiptHandleIsInvalid<\/Code><Message>[^<]+<\/Message><SenderFault>true<\/SenderFault><\/BatchResultErrorEntry>$/);

    result(await send(`Action=DeleteMessage&Version=2012-11-05&QueueUrl=${q}&ReceiptHandle=${second}`), 'DeleteMessage');
    const deleted = result(
      await send(`Action=DeleteMessageBatch&Version=2012-11-05&QueueUrl=${q}&DeleteMessageBatchRequestEntry.1.Id=c&DeleteMessageBatchRequestEntry.1.ReceiptHandle=${third}`),
      'DeleteMessageBatch',
    );
    expect(deleted).toBe('<DeleteMessageBatchResultEntry><Id>c</Id></DeleteMessageBatchResultEntry>');
    expectError(await send(`Action=DeleteMessage&Version=2012-11-05&QueueUrl=${q}&ReceiptHandle=garbage`), 404, 'ReceiptHandleIsInvalid');
  });
});

describe('SQS over awsQuery: errors and request forms', () => {
  it('answers the query error codes of bad requests', async () => {
    const q = enc(await createQueue(unique('errors')));
    expectError(await send(`Action=SendMessage&Version=2012-11-05&QueueUrl=${q}`), 400, 'MissingParameter');
    expectError(await send(`Action=ReceiveMessage&Version=2012-11-05&QueueUrl=${q}&MaxNumberOfMessages=11`), 400, 'InvalidParameterValue');
    expectError(
      await send(`Action=SendMessageBatch&Version=2012-11-05&QueueUrl=${q}&SendMessageBatchRequestEntry.1.Id=x&SendMessageBatchRequestEntry.1.MessageBody=1&SendMessageBatchRequestEntry.2.Id=x&SendMessageBatchRequestEntry.2.MessageBody=2`),
      400,
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    );
    // botocore writes an empty list as the bare member name
    expectError(await send(`Action=DeleteMessageBatch&Version=2012-11-05&QueueUrl=${q}&Entries=`), 400, 'AWS.SimpleQueueService.EmptyBatchRequest');
    const eleven = Array.from({ length: 11 }, (_, i) => `SendMessageBatchRequestEntry.${i + 1}.Id=m${i}&SendMessageBatchRequestEntry.${i + 1}.MessageBody=x`).join('&');
    expectError(await send(`Action=SendMessageBatch&Version=2012-11-05&QueueUrl=${q}&${eleven}`), 400, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
    expectError(await send(`Action=SendMessageBatch&Version=2012-11-05&QueueUrl=${q}&SendMessageBatchRequestEntry.1.Id=bad%20id&SendMessageBatchRequestEntry.1.MessageBody=1`), 400, 'AWS.SimpleQueueService.InvalidBatchEntryId');
    expectError(await send('Version=2012-11-05&QueueName=x'), 400, 'MissingAction');
  });

  it('answers 501 NotImplemented for an action it does not serve', async () => {
    const answer = await send('Action=AddPermission&Version=2012-11-05&QueueUrl=x&Label=l');
    expect(queryError(answer)).toMatchObject({ status: 501, code: 'NotImplemented' });
  });

  it('accepts wrapped lists (`Entries.member.N`, `AttributeNames.member.N`) beside the flattened ones', async () => {
    const q = enc(await createQueue(unique('wrapped')));
    const sent = result(await send(`Action=SendMessageBatch&Version=2012-11-05&QueueUrl=${q}&Entries.member.1.Id=a&Entries.member.1.MessageBody=one`), 'SendMessageBatch');
    expect(texts(sent, 'Id')).toEqual(['a']);
    const got = result(await send(`Action=GetQueueAttributes&Version=2012-11-05&QueueUrl=${q}&AttributeNames.member.1=DelaySeconds`), 'GetQueueAttributes');
    expect(got).toBe('<Attribute><Name>DelaySeconds</Name><Value>0</Value></Attribute>');
  });

  it('takes the queue from the request path (older SDKs post to the queue URL) and serves GET query strings', async () => {
    const name = unique('path');
    await createQueue(name);
    result(await send('Action=SendMessage&Version=2012-11-05&MessageBody=via-path', `/000000000000/${name}`), 'SendMessage');
    expect(local.service.stats(name).visible).toBe(1);
    const listed = await getQuery(`${local.server.url}/?Action=ListQueues&Version=2012-11-05&QueueNamePrefix=${name}`);
    expect(texts(result(listed, 'ListQueues'), 'QueueUrl')).toEqual([urlOf(name)]);
  });
});
