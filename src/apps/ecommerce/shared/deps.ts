import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../../../platform/aws-clients.ts';
import { systemClock, type Clock } from './config.ts';

/** What a service needs to reach its table; handlers build it, tests pass their own clock. */
export interface StoreDeps {
  readonly client: DynamoDBDocumentClient;
  readonly table: string;
  readonly now: Clock;
}

export function storeDeps(table: string): StoreDeps {
  return { client: dynamoDb(), table, now: systemClock };
}
