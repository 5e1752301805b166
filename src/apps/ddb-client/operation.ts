import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Random } from './random.ts';
import type { UserFactory } from './users.ts';

export const OPERATION_NAMES = ['put', 'get', 'update', 'scan', 'query', 'delete', 'batch'] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/** How the reference titles each operation in its log. */
export const OPERATION_LABELS: Readonly<Record<OperationName, string>> = {
  put: 'PUT ITEM',
  get: 'GET ITEM',
  update: 'UPDATE ITEM',
  scan: 'SCAN',
  query: 'QUERY',
  delete: 'DELETE ITEM',
  batch: 'BATCH WRITE',
};

export interface OperationContext {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly users: UserFactory;
  readonly random: Random;
  readonly now: () => Date;
  /** Users written by one BATCH operation (25 per BatchWriteItem call). */
  readonly batchSize: number;
  /** Pages a SCAN follows through LastEvaluatedKey before it stops. */
  readonly scanMaxPages: number;
  /** Attempts of one BatchWriteItem chunk while UnprocessedItems remain, and the backoff's base delay. */
  readonly batchMaxAttempts: number;
  readonly batchBaseDelayMs: number;
}

/** What an operation did: the capacity DynamoDB reported, a one-line description and structured details. */
export interface OperationOutcome {
  /** Consumed capacity units summed over every call the operation made. */
  readonly capacity: number;
  /** DynamoDB calls made (a GET is a Scan Limit 1 then a GetItem). */
  readonly calls: number;
  readonly message: string;
  /** Set for an expected miss that is not a failure (e.g. the item already exists). */
  readonly warning?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type Operation = (ctx: OperationContext) => Promise<OperationOutcome>;

/** Capacity units of one response (TOTAL or INDEXES: `CapacityUnits` is the total either way). */
export function capacityUnits(consumed: ConsumedCapacity | readonly ConsumedCapacity[] | undefined): number {
  if (!consumed) return 0;
  const list = Array.isArray(consumed) ? consumed : [consumed as ConsumedCapacity];
  return list.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
