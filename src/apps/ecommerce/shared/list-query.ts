import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { InvalidArgumentsError, UnrecognizedError } from '../../../platform/errors.ts';
import { AWS_LIMITS, utf8Bytes } from '../../../platform/limits.ts';
import { idString } from '../events.ts';

export const GSI1 = 'gsi1pk-gsi1sk-index';

/** The body of every list API: an optional exact key, `limit` 1–1000 (default 50), `sortDirection`, `nextToken`. */
export function listQuerySchema<Key extends string>(key: Key) {
  return z.object({
    ...({ [key]: idString().optional() } as Record<Key, z.ZodOptional<ReturnType<typeof idString>>>),
    limit: z.number().int().min(1).max(1000).optional(),
    sortDirection: z.enum(['asc', 'desc']).optional(),
    nextToken: z
      .string()
      .max(NEXT_TOKEN_MAX_CHARS, { message: `is not a nextToken returned by this API (at most ${NEXT_TOKEN_MAX_CHARS} characters)` })
      .refine((token) => decodeToken(token) !== undefined, { message: 'is not a nextToken returned by this API' })
      .optional(),
  });
}

// The tokens this API issues encode four keys of a few hundred bytes each.
const NEXT_TOKEN_MAX_CHARS = 8_192;

export interface ListPage<Item> {
  readonly items: Item[];
  readonly nextToken?: string;
}

/** One page of an index partition, ascending unless `desc`, with an opaque `nextToken` when more exist. */
export async function queryIndexPage(
  client: DynamoDBDocumentClient,
  table: string,
  gsi1pk: string,
  query: { limit?: number | undefined; sortDirection?: 'asc' | 'desc' | undefined; nextToken?: string | undefined },
): Promise<ListPage<Record<string, unknown>>> {
  try {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        ScanIndexForward: query.sortDirection !== 'desc',
        Limit: query.limit ?? 50,
        ...(query.nextToken && { ExclusiveStartKey: startKey(query.nextToken, gsi1pk) }),
      }),
    );
    const items = page.Items ?? [];
    return { items, ...(page.LastEvaluatedKey && items.length > 0 && { nextToken: encodeToken(page.LastEvaluatedKey) }) };
  } catch (error) {
    if (error instanceof InvalidArgumentsError) throw error;
    throw new UnrecognizedError(`could not query ${gsi1pk}`, { cause: error });
  }
}

const INDEX_KEY_ATTRIBUTES = ['gsi1pk', 'gsi1sk', 'pk', 'sk'];

/** The page's start key, only if the token is one this list issued (same index partition, exact key shape). */
function startKey(token: string, gsi1pk: string): Record<string, unknown> {
  const key = decodeToken(token);
  const attributes = key ? Object.keys(key).sort() : [];
  if (!key || key.gsi1pk !== gsi1pk || attributes.join() !== INDEX_KEY_ATTRIBUTES.join()) {
    throw new InvalidArgumentsError('invalid nextToken', [{ path: 'nextToken', message: 'is not a nextToken returned by this API' }]);
  }
  return key;
}

function encodeToken(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeToken(token: string): Record<string, unknown> | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return typeof key === 'object' && key !== null && !Array.isArray(key) && Object.values(key).every((v) => typeof v === 'string' && utf8Bytes(v) <= AWS_LIMITS.sortKeyBytes) ? (key as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
