import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { UnrecognizedError } from '../../../../platform/errors.ts';
import { itemBookkeeping } from '../../../../platform/event-store.ts';
import type { RestockData } from '../../events.ts';
import type { StoreDeps } from '../../shared/deps.ts';
import { cancellationReasons } from '../../shared/transactions.ts';
import { DuplicateRestockError } from '../errors.ts';
import { lotKey, skuKey } from '../keys.ts';

/**
 * Adds a restocked lot to its SKU's stock exactly once: the lot record (conditioned on being new)
 * and the stock increment commit in one transaction.
 */
export async function applyRestock(deps: StoreDeps, restock: RestockData): Promise<void> {
  const now = deps.now();
  const { sku, units, lotId } = restock;
  try {
    await deps.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: deps.table,
              Item: { ...lotKey(sku, lotId), sku, units, lotId, createdAt: now, updatedAt: now, ...itemBookkeeping('INVENTORY#RESTOCK_SKU', 'INVENTORY', now) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: deps.table,
              Key: skuKey(sku),
              UpdateExpression:
                'SET units = if_not_exists(units, :zero) + :units, createdAt = if_not_exists(createdAt, :now), updatedAt = :now, sku = :sku, #tn = :tn, #sn = :sn, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
              ExpressionAttributeNames: { '#tn': '_tn', '#sn': '_sn' },
              ExpressionAttributeValues: { ':zero': 0, ':units': units, ':now': now, ':sku': sku, ':tn': 'INVENTORY#SKU', ':sn': 'INVENTORY', ':gsi1pk': 'INVENTORY#SKU', ':gsi1sk': `CREATED_AT#${now}` },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') throw new DuplicateRestockError(sku, lotId);
    throw new UnrecognizedError(`could not restock ${sku} with lot ${lotId}`, { cause: error });
  }
}
