import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { serviceKey } from '../../../src/apps/service-limits/keys.ts';
import { dynamoDbStreamRecord } from '../aws-events.ts';

export interface ServiceImage {
  accountId: string;
  serviceId: string;
  deleted?: boolean;
  processed?: boolean;
}

/** A service item as the stream shows it (DynamoDB JSON). */
export function serviceImage({ accountId, serviceId, deleted = false, processed = false }: ServiceImage): Record<string, AttributeValue> {
  const key = serviceKey(accountId, serviceId);
  return {
    PK: { S: key.PK },
    SK: { S: key.SK },
    id: { S: serviceId },
    account_id: { S: accountId },
    name: { S: 'stress-test-service' },
    created_at: { S: '2026-01-01T00:00:00.000Z' },
    deleted: { BOOL: deleted },
    create_counter_processed: { BOOL: processed },
  };
}

/** A DynamoDB stream record of a service item of `distributed-counter`, shaped as Lambda receives it. */
export function serviceRecord(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', image: ServiceImage, sequenceNumber: string, oldImage?: ServiceImage): DynamoDBRecord {
  const key = serviceKey(image.accountId, image.serviceId);
  return dynamoDbStreamRecord({
    eventName,
    sequenceNumber,
    keys: { PK: { S: key.PK }, SK: { S: key.SK } },
    ...(eventName !== 'REMOVE' && { newImage: serviceImage(image) }),
    ...(oldImage && { oldImage: serviceImage(oldImage) }),
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/service-limits-distributed-counter/stream/2026-01-01T00:00:00.000',
  });
}
