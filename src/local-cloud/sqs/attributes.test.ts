import { describe, expect, it } from 'vitest';
import { defaultQueueAttributes, parseRedrivePolicy, validateAttributeNames, validateQueueAttributes } from './attributes.ts';
import type { SqsError } from './errors.ts';

function errorOf(action: () => unknown): SqsError {
  try {
    action();
  } catch (error) {
    return error as SqsError;
  }
  throw new Error('expected an error');
}

describe('queue attributes', () => {
  it('defaults to AWS values', () => {
    expect(defaultQueueAttributes()).toEqual({
      DelaySeconds: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0',
      VisibilityTimeout: '30',
      SqsManagedSseEnabled: 'true',
    });
  });

  it.each([
    ['VisibilityTimeout', '0'],
    ['VisibilityTimeout', '43200'],
    ['MessageRetentionPeriod', '60'],
    ['MessageRetentionPeriod', '1209600'],
    ['DelaySeconds', '900'],
    ['ReceiveMessageWaitTimeSeconds', '20'],
    ['MaximumMessageSize', '1024'],
    ['MaximumMessageSize', '1048576'],
  ])('accepts %s=%s at the edge of its range', (name, value) => {
    expect(validateQueueAttributes({ [name]: value })).toEqual({ [name]: value });
  });

  it.each([
    ['VisibilityTimeout', '43201'],
    ['VisibilityTimeout', '-1'],
    ['VisibilityTimeout', '1.5'],
    ['MessageRetentionPeriod', '59'],
    ['DelaySeconds', '901'],
    ['ReceiveMessageWaitTimeSeconds', '21'],
    ['MaximumMessageSize', '1023'],
    ['MaximumMessageSize', '1048577'],
    ['SqsManagedSseEnabled', 'yes'],
  ])('rejects %s=%s with InvalidAttributeValue', (name, value) => {
    expect(errorOf(() => validateQueueAttributes({ [name]: value })).code).toBe('InvalidAttributeValue');
  });

  it('rejects unknown and FIFO-only names with InvalidAttributeName', () => {
    expect(errorOf(() => validateQueueAttributes({ Foo: '1' })).code).toBe('InvalidAttributeName');
    expect(errorOf(() => validateQueueAttributes({ ContentBasedDeduplication: 'true' })).code).toBe('InvalidAttributeName');
    expect(errorOf(() => validateAttributeNames(['All', 'Nope'])).code).toBe('InvalidAttributeName');
  });

  it('answers FifoQueue=true with UnsupportedOperation', () => {
    expect(errorOf(() => validateQueueAttributes({ FifoQueue: 'true' })).code).toBe('UnsupportedOperation');
  });

  it('normalises RedrivePolicy as AWS returns it', () => {
    const policy = '{"maxReceiveCount":"3","deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq"}';
    expect(validateQueueAttributes({ RedrivePolicy: policy })).toEqual({
      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":3}',
    });
    expect(validateQueueAttributes({ RedrivePolicy: '' })).toEqual({ RedrivePolicy: '' });
  });

  it.each(['not json', '{"maxReceiveCount":3}', '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:0:dlq","maxReceiveCount":0}'])(
    'rejects the redrive policy %s',
    (policy) => {
      expect(errorOf(() => parseRedrivePolicy(policy)).code).toMatch(/^Invalid(AttributeValue|ParameterValue)$/);
    },
  );
});
