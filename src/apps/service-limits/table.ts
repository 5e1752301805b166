import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, requiredEnv } from '../../platform/aws-clients.ts';

/** What every repository needs: the document client and the physical name of `distributed-counter`. */
export interface Table {
  readonly client: DynamoDBDocumentClient;
  readonly name: string;
}

/** The table from the function's environment (`TABLE_NAME`). */
export function tableFromEnv(): Table {
  return { client: dynamoDb(), name: requiredEnv('TABLE_NAME') };
}

/** True for a single write's ConditionalCheckFailedException. */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** True for a cancelled transaction whose reasons include a failed condition (the reference's "already processed"). */
export function isTransactionConditionFailed(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
}
