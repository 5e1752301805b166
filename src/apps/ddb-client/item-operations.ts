import { DeleteCommand, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { capacityUnits, isConditionalCheckFailed, type OperationContext, type OperationOutcome } from './operation.ts';
import { USER_ATTRIBUTES, type User } from './users.ts';

/** PutItem of a new user, only if the id is free: a taken id is a warning, not a failure. */
export async function putItem(ctx: OperationContext): Promise<OperationOutcome> {
  const user = ctx.users.user();
  try {
    const out = await ctx.db.send(
      new PutCommand({ TableName: ctx.tableName, Item: user, ConditionExpression: 'attribute_not_exists(id)', ReturnConsumedCapacity: 'TOTAL' }),
    );
    return { capacity: capacityUnits(out.ConsumedCapacity), calls: 1, message: `put ${user.id} (${describe(user)})`, details: { id: user.id } };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return { capacity: 0, calls: 1, message: `item ${user.id} already exists`, warning: 'Item already exists', details: { id: user.id } };
  }
}

/** GetItem of some user, projecting its attributes (`name` is a reserved word, hence `#name`). */
export async function getItem(ctx: OperationContext): Promise<OperationOutcome> {
  const found = await anyItemId(ctx);
  if (!found.id) return noItems(found.capacity);
  const out = await ctx.db.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: { id: found.id },
      ProjectionExpression: USER_ATTRIBUTES.map((a) => (a === 'name' ? '#name' : a)).join(', '),
      ExpressionAttributeNames: { '#name': 'name' },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  const capacity = found.capacity + capacityUnits(out.ConsumedCapacity);
  const user = out.Item as User | undefined;
  if (!user) return { capacity, calls: 2, message: `${found.id} was deleted meanwhile`, warning: 'Item not found', details: { id: found.id } };
  return { capacity, calls: 2, message: `got ${user.id} (${describe(user)}, ${user.email})`, details: { id: user.id, item: user } };
}

/** UpdateItem of some user: age + 1, a new department and updatedAt, returning ALL_NEW. */
export async function updateItem(ctx: OperationContext): Promise<OperationOutcome> {
  const found = await anyItemId(ctx);
  if (!found.id) return noItems(found.capacity);
  const department = ctx.users.department();
  try {
    const out = await ctx.db.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: { id: found.id },
        UpdateExpression: 'SET age = if_not_exists(age, :zero) + :one, department = :department, updatedAt = :now',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':department': department, ':now': ctx.now().toISOString() },
        ReturnValues: 'ALL_NEW',
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    const user = out.Attributes as User;
    const message = `updated ${user.id}: age ${user.age}, department ${user.department}, updatedAt ${user.updatedAt}`;
    return { capacity: found.capacity + capacityUnits(out.ConsumedCapacity), calls: 2, message, details: { id: user.id, item: user } };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return { capacity: found.capacity, calls: 2, message: `${found.id} was deleted meanwhile`, warning: 'Item not found', details: { id: found.id } };
  }
}

/** DeleteItem of some user, only if it still exists, returning ALL_OLD. */
export async function deleteItem(ctx: OperationContext): Promise<OperationOutcome> {
  const found = await anyItemId(ctx);
  if (!found.id) return noItems(found.capacity);
  try {
    const out = await ctx.db.send(
      new DeleteCommand({
        TableName: ctx.tableName,
        Key: { id: found.id },
        ConditionExpression: 'attribute_exists(id)',
        ReturnValues: 'ALL_OLD',
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    const old = out.Attributes as User;
    return { capacity: found.capacity + capacityUnits(out.ConsumedCapacity), calls: 2, message: `deleted ${old.id} (${old.name}, ${old.email})`, details: { id: old.id, item: old } };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return { capacity: found.capacity, calls: 2, message: `${found.id} already deleted`, warning: 'Item already deleted', details: { id: found.id } };
  }
}

/** The reference's way to find a target: Scan Limit 1. */
async function anyItemId(ctx: OperationContext): Promise<{ id?: string; capacity: number }> {
  const out = await ctx.db.send(new ScanCommand({ TableName: ctx.tableName, Limit: 1, ProjectionExpression: 'id', ReturnConsumedCapacity: 'TOTAL' }));
  const id = out.Items?.[0]?.id as string | undefined;
  return { ...(id !== undefined && { id }), capacity: capacityUnits(out.ConsumedCapacity) };
}

function noItems(capacity: number): OperationOutcome {
  return { capacity, calls: 1, message: 'No items found' };
}

function describe(user: User): string {
  return `${user.name}, ${user.age}, ${user.department ?? 'no department'}`;
}
