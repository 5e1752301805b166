import { DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { accountPk, SERVICE_PREFIX, serviceKey } from '../keys.ts';
import { isConditionFailed, type Table } from '../table.ts';
import type { Service } from './schemas.ts';

type Item = Record<string, NativeAttributeValue>;

/** Service items (`ACCOUNT#<account>` / `SERVICE#<id>`), soft-deleted ones included: callers decide what is live. */
export function servicesRepository({ client, name: TableName }: Table) {
  return {
    async put(service: Service): Promise<void> {
      await client.send(new PutCommand({ TableName, Item: { ...serviceKey(service.account_id, service.id), ...service, entity: 'Service' }, ConditionExpression: 'attribute_not_exists(PK)' }));
    },

    async get(accountId: string, id: string): Promise<Service | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: serviceKey(accountId, id), ConsistentRead: true }));
      return Item && toService(Item);
    },

    /** Every service item of the account, 1,000 per page as the reference reads them. */
    async listByAccount(accountId: string): Promise<Service[]> {
      const services: Service[] = [];
      let ExclusiveStartKey: Item | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': accountPk(accountId), ':prefix': SERVICE_PREFIX },
            ConsistentRead: true,
            Limit: 1000,
            ExclusiveStartKey,
          }),
        );
        services.push(...(page.Items ?? []).map(toService));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return services;
    },

    async list(): Promise<Service[]> {
      const services: Service[] = [];
      let ExclusiveStartKey: Item | undefined;
      do {
        const page = await client.send(
          new ScanCommand({ TableName, FilterExpression: 'begins_with(SK, :prefix)', ExpressionAttributeValues: { ':prefix': SERVICE_PREFIX }, ExclusiveStartKey }),
        );
        services.push(...(page.Items ?? []).map(toService));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return services;
    },

    /** Renames a live service; undefined when it is missing or soft-deleted. */
    async rename(accountId: string, id: string, name: string): Promise<Service | undefined> {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName,
            Key: serviceKey(accountId, id),
            UpdateExpression: 'SET #name = :name',
            ConditionExpression: 'attribute_exists(PK) AND deleted = :false',
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: { ':name': name, ':false': false },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes && toService(Attributes);
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw error;
      }
    },

    /** Removes the item outright: only for a service put under an account deleted meanwhile. */
    async delete(accountId: string, id: string): Promise<void> {
      await client.send(new DeleteCommand({ TableName, Key: serviceKey(accountId, id) }));
    },

    /** Sets `deleted=true` on a live service; false when it is missing or already deleted. */
    async softDelete(accountId: string, id: string): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName,
            Key: serviceKey(accountId, id),
            UpdateExpression: 'SET deleted = :true',
            ConditionExpression: 'attribute_exists(PK) AND deleted = :false',
            ExpressionAttributeValues: { ':true': true, ':false': false },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}
export type ServicesRepository = ReturnType<typeof servicesRepository>;

function toService(item: Item): Service {
  return {
    id: item.id as string,
    account_id: item.account_id as string,
    name: item.name as string,
    created_at: item.created_at as string,
    deleted: item.deleted === true,
    create_counter_processed: item.create_counter_processed === true,
  };
}
