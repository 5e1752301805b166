import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { UnrecognizedError } from '../../../../platform/errors.ts';
import type { StoreDeps } from '../../shared/deps.ts';
import { listQuerySchema, queryIndexPage } from '../../shared/list-query.ts';
import { skuKey } from '../keys.ts';

export const listSkusSchema = listQuerySchema('sku');

export interface SkuView {
  readonly sku: string;
  readonly units: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One SKU by key, or a page of SKUs ordered by their last restock. */
export async function listSkus(deps: StoreDeps, query: z.output<typeof listSkusSchema>): Promise<{ skus: SkuView[]; nextToken?: string }> {
  if (query.sku !== undefined) {
    try {
      const { Item } = await deps.client.send(new GetCommand({ TableName: deps.table, Key: skuKey(query.sku) }));
      return { skus: Item ? [toView(Item)] : [] };
    } catch (error) {
      throw new UnrecognizedError(`could not read SKU ${query.sku}`, { cause: error });
    }
  }
  const page = await queryIndexPage(deps.client, deps.table, 'INVENTORY#SKU', query);
  return { skus: page.items.map(toView), ...(page.nextToken && { nextToken: page.nextToken }) };
}

function toView(item: Record<string, unknown>): SkuView {
  return { sku: item.sku as string, units: item.units as number, createdAt: item.createdAt as string, updatedAt: item.updatedAt as string };
}
