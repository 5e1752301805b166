import { GetCommand, QueryCommand, ScanCommand, TransactWriteCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { accountPk, COUNT_PREFIX, countKey, serviceKey } from '../keys.ts';
import { isTransactionConditionFailed, type Table } from '../table.ts';
import type { Count } from './schemas.ts';

type Item = Record<string, NativeAttributeValue>;

/** What a counting transaction did: `applied`, or `already-processed` when its condition failed (a redelivery). */
export type CountOutcome = 'applied' | 'already-processed';

/** Count items (`ACCOUNT#<account>` / `COUNT#<type>`) and the consumers' idempotent counting transactions. */
export function countsRepository({ client, name: TableName }: Table) {
  // Never ADD to a deleted account's counter: ADD would recreate it as a bare item.
  const addToCount = (accountId: string, delta: number) => ({
    Update: {
      TableName,
      Key: countKey(accountId),
      UpdateExpression: 'ADD count_value :delta',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':delta': delta },
    },
  });
  const run = async (items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>): Promise<CountOutcome> => {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return 'applied';
    } catch (error) {
      if (isTransactionConditionFailed(error)) return 'already-processed';
      throw error;
    }
  };

  return {
    async get(accountId: string): Promise<Count | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: countKey(accountId), ConsistentRead: true }));
      return Item && toCount(Item);
    },

    async listByAccount(accountId: string): Promise<Count[]> {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': accountPk(accountId), ':prefix': COUNT_PREFIX },
          ConsistentRead: true,
        }),
      );
      return Items.map(toCount);
    },

    async list(): Promise<Count[]> {
      const counts: Count[] = [];
      let ExclusiveStartKey: Item | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName, FilterExpression: 'begins_with(SK, :prefix)', ExpressionAttributeValues: { ':prefix': COUNT_PREFIX }, ExclusiveStartKey }));
        counts.push(...(page.Items ?? []).map(toCount));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return counts;
    },

    /** Marks the service counted (only if it is not yet) and adds 1, atomically. */
    countService(accountId: string, serviceId: string): Promise<CountOutcome> {
      return run([
        {
          Update: {
            TableName,
            Key: serviceKey(accountId, serviceId),
            UpdateExpression: 'SET create_counter_processed = :true',
            ConditionExpression: 'create_counter_processed = :false',
            ExpressionAttributeValues: { ':true': true, ':false': false },
          },
        },
        addToCount(accountId, 1),
      ]);
    },

    /** Hard-deletes a counted, soft-deleted service and subtracts 1, atomically. */
    uncountService(accountId: string, serviceId: string): Promise<CountOutcome> {
      return run([
        {
          Delete: {
            TableName,
            Key: serviceKey(accountId, serviceId),
            ConditionExpression: 'attribute_exists(PK) AND deleted = :true AND create_counter_processed = :true',
            ExpressionAttributeValues: { ':true': true },
          },
        },
        addToCount(accountId, -1),
      ]);
    },
  };
}
export type CountsRepository = ReturnType<typeof countsRepository>;

function toCount(item: Item): Count {
  return { account_id: item.account_id as string, count_type: item.count_type as string, count_value: Number(item.count_value ?? 0), created_at: item.created_at as string };
}
