import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UnrecognizedError } from './errors.ts';

/** An event as stored in the event store table (the stream turns its INSERT into a bus event). */
export interface StoredEvent<Name extends string = string, Data = unknown> {
  readonly pk: string;
  readonly sk: string;
  readonly eventName: Name;
  readonly eventData: Data;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type PublishResult = 'published' | 'duplicate';

/**
 * The single-table bookkeeping every item carries: its type and service names, and the index key
 * that lists items of one type by creation time.
 */
export function itemBookkeeping(typeName: string, serviceName: string, createdAt: string) {
  return { _tn: typeName, _sn: serviceName, gsi1pk: typeName, gsi1sk: `CREATED_AT#${createdAt}` };
}

/** An event with the bookkeeping attributes every event item carries. */
export function eventItem(event: StoredEvent): Record<string, unknown> {
  return { ...event, ...itemBookkeeping('EVENTS#EVENT', 'EVENTS', event.createdAt) };
}

/**
 * Publishes an event idempotently: a put conditioned on the key being new. Deterministic keys make
 * a second publication of the same event a harmless `duplicate`; any other failure is transient.
 *
 * @example
 * const result = await publishEvent(dynamoDb(), table, { pk: `EVENTS#SKU#${sku}`, sk: ..., eventName: 'SKU_RESTOCKED_EVENT', eventData, createdAt: now, updatedAt: now });
 */
export async function publishEvent(client: DynamoDBDocumentClient, table: string, event: StoredEvent): Promise<PublishResult> {
  try {
    await client.send(
      new PutCommand({
        TableName: table,
        Item: eventItem(event),
        ConditionExpression: 'attribute_not_exists(pk) AND attribute_not_exists(sk)',
      }),
    );
    return 'published';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'duplicate';
    throw new UnrecognizedError(`Could not publish ${event.eventName} (${event.pk} ${event.sk})`, { cause: error });
  }
}

/** Whether an event with this key was stored (a consistent read). */
export async function eventExists(client: DynamoDBDocumentClient, table: string, key: { pk: string; sk: string }): Promise<boolean> {
  try {
    const { Item } = await client.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true, ProjectionExpression: 'pk' }));
    return Item !== undefined;
  } catch (error) {
    throw new UnrecognizedError(`Could not read the event store (${key.pk} ${key.sk})`, { cause: error });
  }
}
