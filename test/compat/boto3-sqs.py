"""Every SQS operation of the local cloud through boto3 (1.26 speaks SQS's awsQuery protocol).

Usage: python3 boto3-sqs.py <endpoint> <queue-prefix>. Prints one JSON document: each step's
result, or the error code a step was expected to raise. The test (older-clients.test.ts) asserts it.
"""
import json
import sys

import boto3
import botocore

endpoint, prefix = sys.argv[1], sys.argv[2]
sqs = boto3.client('sqs', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='local', aws_secret_access_key='local')
report = {'boto3': boto3.__version__, 'botocore': botocore.__version__}


def result(response):
    """A response without its ResponseMetadata (request id, headers), which varies per call."""
    return {key: value for key, value in response.items() if key != 'ResponseMetadata'}


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as error:
        return {'code': error.response['Error']['Code'], 'status': error.response['ResponseMetadata']['HTTPStatusCode']}
    return None


dlq = sqs.create_queue(QueueName=f'{prefix}-dlq')['QueueUrl']
dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
url = sqs.create_queue(
    QueueName=f'{prefix}-main',
    Attributes={'VisibilityTimeout': '30', 'RedrivePolicy': json.dumps({'deadLetterTargetArn': dlq_arn, 'maxReceiveCount': 3})},
    tags={'team': 'orders'},
)['QueueUrl']
report['createQueue'] = url
report['getQueueUrl'] = sqs.get_queue_url(QueueName=f'{prefix}-main')['QueueUrl']
report['listQueues'] = sqs.list_queues(QueueNamePrefix=prefix).get('QueueUrls', [])
report['listQueuesPage'] = result(sqs.list_queues(QueueNamePrefix=prefix, MaxResults=1))
sqs.set_queue_attributes(QueueUrl=url, Attributes={'DelaySeconds': '0', 'ReceiveMessageWaitTimeSeconds': '1'})
report['getQueueAttributes'] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['All'])['Attributes']
report['listDeadLetterSourceQueues'] = sqs.list_dead_letter_source_queues(QueueUrl=dlq)['queueUrls']
sqs.tag_queue(QueueUrl=url, Tags={'stage': 'dev', 'owner': 'me'})
sqs.untag_queue(QueueUrl=url, TagKeys=['owner'])
report['listQueueTags'] = sqs.list_queue_tags(QueueUrl=url)['Tags']

attributes = {'kind': {'DataType': 'String', 'StringValue': 'order'}, 'raw': {'DataType': 'Binary', 'BinaryValue': b'\x00\x01\x02'}}
report['sendMessage'] = result(sqs.send_message(QueueUrl=url, MessageBody='line one\r\nline <two> & "three"', MessageAttributes=attributes))
report['sendMessageBatch'] = result(sqs.send_message_batch(
    QueueUrl=url,
    Entries=[{'Id': 'a', 'MessageBody': 'batch a'}, {'Id': 'b', 'MessageBody': 'batch b', 'DelaySeconds': 0, 'MessageAttributes': {'n': {'DataType': 'Number', 'StringValue': '7'}}}],
))
received = []
while len(received) < 3:
    page = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=['All'], MessageAttributeNames=['All'], WaitTimeSeconds=1).get('Messages', [])
    if not page:
        break
    received.extend(page)
report['receiveMessage'] = [
    {key: (value if key != 'MessageAttributes' else {n: {k: (v.hex() if isinstance(v, bytes) else v) for k, v in a.items()} for n, a in value.items()}) for key, value in m.items()}
    for m in received
]
handles = {m['Body']: m['ReceiptHandle'] for m in received}
sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handles['batch a'], VisibilityTimeout=60)
report['changeMessageVisibilityBatch'] = result(sqs.change_message_visibility_batch(
    QueueUrl=url, Entries=[{'Id': 'a', 'ReceiptHandle': handles['batch a'], 'VisibilityTimeout': 0}, {'Id': 'bad', 'ReceiptHandle': 'garbage', 'VisibilityTimeout': 0}]
))
sqs.delete_message(QueueUrl=url, ReceiptHandle=handles['batch b'])
report['deleteMessageBatch'] = result(sqs.delete_message_batch(
    QueueUrl=url, Entries=[{'Id': 'one', 'ReceiptHandle': handles['line one\r\nline <two> & "three"']}, {'Id': 'two', 'ReceiptHandle': 'garbage'}]
))
sqs.purge_queue(QueueUrl=url)
report['errors'] = {
    'purgeAgain': error_code(sqs.purge_queue, QueueUrl=url),
    'missingQueue': error_code(sqs.get_queue_url, QueueName=f'{prefix}-missing'),
    'queueExists': error_code(sqs.create_queue, QueueName=f'{prefix}-main', Attributes={'VisibilityTimeout': '31'}),
    'badReceiptHandle': error_code(sqs.delete_message, QueueUrl=url, ReceiptHandle='garbage'),
    'badParameter': error_code(sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=11),
    'idsNotDistinct': error_code(sqs.send_message_batch, QueueUrl=url, Entries=[{'Id': 'x', 'MessageBody': '1'}, {'Id': 'x', 'MessageBody': '2'}]),
    'emptyBatch': error_code(sqs.delete_message_batch, QueueUrl=url, Entries=[]),
}
sqs.delete_queue(QueueUrl=url)
sqs.delete_queue(QueueUrl=dlq)
report['afterDelete'] = sqs.list_queues(QueueNamePrefix=prefix).get('QueueUrls', [])
# A new queue may take the deleted one's id: its first purge must succeed.
fresh = sqs.create_queue(QueueName=f'{prefix}-fresh')['QueueUrl']
report['purgeFresh'] = error_code(sqs.purge_queue, QueueUrl=fresh)
sqs.delete_queue(QueueUrl=fresh)
print(json.dumps(report))
