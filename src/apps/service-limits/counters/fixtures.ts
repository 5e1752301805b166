import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { serviceKey } from '../keys.ts';

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

/** A DynamoDB stream record of a service item, shaped as Lambda receives it. */
export function serviceRecord(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', image: ServiceImage, sequenceNumber: string, oldImage?: ServiceImage): DynamoDBRecord {
  const key = serviceKey(image.accountId, image.serviceId);
  return {
    eventID: `event-${sequenceNumber}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      Keys: { PK: { S: key.PK }, SK: { S: key.SK } },
      ...(eventName !== 'REMOVE' && { NewImage: serviceImage(image) }),
      ...(oldImage && { OldImage: serviceImage(oldImage) }),
      SequenceNumber: sequenceNumber,
      SizeBytes: 200,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/service-limits-distributed-counter/stream/2026-01-01T00:00:00.000',
  };
}
