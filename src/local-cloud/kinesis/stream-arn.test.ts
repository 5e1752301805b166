import { describe, expect, it } from 'vitest';
import { nameStreamByArn } from './stream-arn.ts';

describe('nameStreamByArn', () => {
  it('names the stream of a request that gives its ARN', () => {
    const body = JSON.stringify({ StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/shop-events', PartitionKey: 'k', Data: 'AA==' });

    expect(JSON.parse(nameStreamByArn(body))).toEqual({ StreamName: 'shop-events', PartitionKey: 'k', Data: 'AA==' });
  });

  it.each([
    ['a request without an ARN', JSON.stringify({ StreamName: 'shop-events' })],
    ['an ARN of another service', JSON.stringify({ StreamARN: 'arn:aws:sqs:us-east-1:000000000000:queue' })],
    ['a name that contradicts the ARN', JSON.stringify({ StreamName: 'a', StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/b' })],
    ['a body that is not JSON', '"StreamARN" but not JSON'],
  ])('leaves %s unchanged', (_, body) => {
    expect(nameStreamByArn(body)).toBe(body);
  });
});
