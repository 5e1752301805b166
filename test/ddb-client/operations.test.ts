import { DeleteTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { batchWrite } from '../../src/apps/ddb-client/batch-write.ts';
import { deleteItem, getItem, putItem, updateItem } from '../../src/apps/ddb-client/item-operations.ts';
import type { OperationContext } from '../../src/apps/ddb-client/operation.ts';
import { queryByDepartment, scanItems } from '../../src/apps/ddb-client/read-operations.ts';
import { createUsersTableIfMissing } from '../../src/apps/ddb-client/users-table.ts';
import type { User } from '../../src/apps/ddb-client/users.ts';
import { dynamoDbClient } from '../support/cloud.ts';
import { operationContext, uniqueTableName } from '../support/ddb-client/operation-context.ts';

let client: DynamoDBClient;
let tableName: string;
let ctx: OperationContext;

const user = (id: string, overrides: Partial<User> = {}): User => ({
  id,
  name: 'Alice Smith',
  email: 'alice@example.com',
  age: 30,
  department: 'Engineering',
  createdAt: '2025-06-01T00:00:00.000Z',
  updatedAt: '2025-06-01T00:00:00.000Z',
  ...overrides,
});

async function allItems(): Promise<User[]> {
  return ((await ctx.db.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? []) as User[];
}

async function seed(...users: User[]): Promise<void> {
  await Promise.all(users.map((item) => ctx.db.send(new PutCommand({ TableName: tableName, Item: item }))));
}

beforeAll(async () => {
  client = dynamoDbClient(inject('dynamoDbEndpoint'));
  tableName = uniqueTableName('ddbc-ops');
  await createUsersTableIfMissing(client, tableName);
});

beforeEach(async () => {
  ctx = operationContext(client, tableName);
  await Promise.all((await allItems()).map((item) => ctx.db.send(new DeleteCommand({ TableName: tableName, Key: { id: item.id } }))));
});

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});

describe('--create-table', () => {
  it('creates the users table with the id key and the department GSI, on demand, and leaves an existing one alone', async () => {
    const description = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table!;

    expect(description.TableStatus).toBe('ACTIVE');
    expect(description.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(description.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(description.GlobalSecondaryIndexes?.map((gsi) => [gsi.IndexName, gsi.KeySchema])).toEqual([['department', [{ AttributeName: 'department', KeyType: 'HASH' }]]]);
    await expect(createUsersTableIfMissing(client, tableName)).resolves.toBe(false);
  });
});

describe('PUT ITEM', () => {
  it('writes a new random user with its consumed capacity', async () => {
    const outcome = await putItem(ctx);

    const items = await allItems();
    expect(items).toHaveLength(1);
    expect(items[0]!.id).toMatch(/^user-\d+-[0-9a-z]{9}$/);
    expect(outcome.warning).toBeUndefined();
    expect(outcome.capacity).toBeGreaterThan(0);
    expect(outcome.message).toContain(items[0]!.id);
  });

  it('treats a taken id as a warning and leaves the existing item untouched', async () => {
    const fixedId = operationContext(client, tableName).users.user().id;
    await seed(user(fixedId, { name: 'Existing One' }));

    const outcome = await putItem(ctx);

    expect(outcome.warning).toBe('Item already exists');
    expect((await allItems()).map((u) => u.name)).toEqual(['Existing One']);
  });
});

describe('GET ITEM', () => {
  it('reads an item with the projection, the reserved word name included', async () => {
    await seed(user('u1'));

    const outcome = await getItem(ctx);

    expect(outcome.details?.item).toEqual(user('u1'));
    expect(outcome.calls).toBe(2);
    expect(outcome.capacity).toBeGreaterThan(0);
  });

  it('says so when the table is empty', async () => {
    const outcome = await getItem(ctx);

    expect(outcome.message).toBe('No items found');
  });
});

describe('UPDATE ITEM', () => {
  it('adds a year, sets a department and updatedAt, and returns ALL_NEW', async () => {
    await seed(user('u1', { department: 'HR' }));

    const outcome = await updateItem(ctx);

    const stored = (await ctx.db.send(new GetCommand({ TableName: tableName, Key: { id: 'u1' }, ConsistentRead: true }))).Item as User;
    expect(stored.age).toBe(31);
    expect(stored.updatedAt).not.toBe('2025-06-01T00:00:00.000Z');
    expect(outcome.details?.item).toEqual(stored);
    expect(outcome.capacity).toBeGreaterThan(0);
  });
});

describe('DELETE ITEM', () => {
  it('deletes an existing item and returns its old attributes', async () => {
    await seed(user('u1'));

    const outcome = await deleteItem(ctx);

    expect(await allItems()).toEqual([]);
    expect(outcome.details?.item).toEqual(user('u1'));
    expect(outcome.message).toBe('deleted u1 (Alice Smith, alice@example.com)');
    expect(outcome.capacity).toBeGreaterThan(0);
  });
});

describe('SCAN', () => {
  it('follows LastEvaluatedKey and counts matches and scanned items across pages', async () => {
    await seed(...Array.from({ length: 60 }, (_, i) => user(`s${i}`, { age: 20 + (i % 50) })));

    const outcome = await scanItems(ctx);

    const { minAge, maxAge, pages, count, scannedCount, more } = outcome.details as Record<string, number | boolean>;
    const expected = (await allItems()).filter((u) => u.age >= (minAge as number) && u.age <= (maxAge as number)).length;
    expect({ pages, scannedCount, count, more }).toEqual({ pages: 3, scannedCount: 60, count: expected, more: false });
    expect(outcome.calls).toBe(3);
    expect(outcome.capacity).toBeGreaterThan(0);
  });

  it('stops at the page cap and says there is more', async () => {
    await seed(...Array.from({ length: 60 }, (_, i) => user(`s${i}`)));

    const outcome = await scanItems({ ...ctx, scanMaxPages: 2 });

    expect(outcome.details).toMatchObject({ pages: 2, scannedCount: 50, more: true });
    expect(outcome.message).toContain('stopped at the 2-page cap');
  });
});

describe('QUERY', () => {
  it('queries the department GSI', async () => {
    const department = operationContext(client, tableName).users.department();
    await seed(user('q1', { department }), user('q2', { department }), user('q3', { department: department === 'HR' ? 'Sales' : 'HR' }));

    const outcome = await queryByDepartment(ctx);

    expect(outcome.details).toMatchObject({ department, count: 2, scannedCount: 2 });
    expect([...(outcome.details?.ids as string[])].sort()).toEqual(['q1', 'q2']);
    expect(outcome.capacity).toBeGreaterThan(0);
  });
});

describe('BATCH WRITE', () => {
  it('writes the batch 25 per BatchWriteItem call', async () => {
    const outcome = await batchWrite({ ...ctx, batchSize: 30 });

    const ids = (await allItems()).map((u) => u.id);
    expect(ids).toHaveLength(30);
    expect(ids.every((id) => /^batch-user-\d+-\d+$/.test(id))).toBe(true);
    expect(outcome.calls).toBe(2);
    expect(outcome.capacity).toBeGreaterThanOrEqual(30);
  });
});
