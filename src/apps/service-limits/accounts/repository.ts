import { GetCommand, ScanCommand, TransactWriteCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { accountKey, countKey, METADATA, SERVICES_COUNT_TYPE } from '../keys.ts';
import { isConditionFailed, isTransactionConditionFailed, type Table } from '../table.ts';
import type { Account, UpdateAccount } from './schemas.ts';

type Item = Record<string, NativeAttributeValue>;

/** Account items (`ACCOUNT#<id>` / `METADATA`) and their best-effort counter `number_of_services`. */
export function accountsRepository({ client, name: TableName }: Table) {
  return {
    /** Puts the account and its `COUNT#SERVICES` item (count 0) in one transaction. */
    async create(account: Account): Promise<void> {
      const count = { ...countKey(account.id), account_id: account.id, count_type: SERVICES_COUNT_TYPE, count_value: 0, created_at: account.created_at, entity: 'Count' };
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { ...accountKey(account.id), ...account, entity: 'Account' }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName, Item: count, ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        }),
      );
    },

    async get(id: string): Promise<Account | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: accountKey(id), ConsistentRead: true }));
      return Item && toAccount(Item);
    },

    async list(): Promise<Account[]> {
      const accounts: Account[] = [];
      let ExclusiveStartKey: Item | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName, FilterExpression: 'SK = :metadata', ExpressionAttributeValues: { ':metadata': METADATA }, ExclusiveStartKey }));
        accounts.push(...(page.Items ?? []).map(toAccount));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return accounts;
    },

    /** Sets the given attributes (the counter and the limit included, as the reference allows); undefined when the account is missing. */
    async update(id: string, changes: UpdateAccount): Promise<Account | undefined> {
      const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName,
            Key: accountKey(id),
            UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: Object.fromEntries(entries.map(([field], i) => [`#f${i}`, field])),
            ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes && toAccount(Attributes);
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw error;
      }
    },

    /** Deletes the account and its counter item in one transaction; false when the account is missing. */
    async delete(id: string): Promise<boolean> {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [{ Delete: { TableName, Key: accountKey(id), ConditionExpression: 'attribute_exists(PK)' } }, { Delete: { TableName, Key: countKey(id) } }],
          }),
        );
        return true;
      } catch (error) {
        if (isTransactionConditionFailed(error)) return false;
        throw error;
      }
    },

    /** The best-effort ADD +1: not transactional, so a lost write under-counts, never over-counts. False when the account is gone. */
    async incrementServices(id: string): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName,
            Key: accountKey(id),
            UpdateExpression: 'ADD number_of_services :one',
            // Never recreate a deleted account as a bare counter.
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':one': 1 },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    /** ADD −n, never below 0: when fewer than n are counted the counter drops to 0 (it heals once everything is deleted). */
    async decrementServices(id: string, n = 1): Promise<void> {
      try {
        await client.send(
          new UpdateCommand({
            TableName,
            Key: accountKey(id),
            UpdateExpression: 'ADD number_of_services :minus',
            ConditionExpression: 'number_of_services >= :n',
            ExpressionAttributeValues: { ':minus': -n, ':n': n },
          }),
        );
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        if (n > 1) await zeroIfBelow(id, n);
      }
    },
  };

  async function zeroIfBelow(id: string, n: number): Promise<void> {
    try {
      await client.send(
        new UpdateCommand({
          TableName,
          Key: accountKey(id),
          UpdateExpression: 'SET number_of_services = :zero',
          ConditionExpression: 'number_of_services < :n',
          ExpressionAttributeValues: { ':zero': 0, ':n': n },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
}
export type AccountsRepository = ReturnType<typeof accountsRepository>;

function toAccount(item: Item): Account {
  return {
    id: item.id as string,
    username: item.username as string,
    number_of_services: Number(item.number_of_services ?? 0),
    max_number_of_services: Number(item.max_number_of_services),
    created_at: item.created_at as string,
  };
}
