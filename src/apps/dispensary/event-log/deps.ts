import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What the event log needs: its two tables, a clock and a ULID source (injected in tests). */
export interface EventLogDeps {
  readonly client: DynamoDBDocumentClient;
  readonly eventLogTable: string;
  readonly snapshotsTable: string;
  /** ISO-8601 now. */
  readonly now: () => string;
  /** A new ULID (command ids). */
  readonly newId: () => string;
}
