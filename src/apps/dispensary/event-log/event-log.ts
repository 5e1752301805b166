import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { UnrecognizedError } from '../../../platform/errors.ts';
import { evolveAll } from '../dispense/decider.ts';
import { AGGREGATE_TYPE, aggregateKey, type Dispense, type DispenseState } from '../dispense/dispense.ts';
import type { DispenseEvent } from '../dispense/events.ts';
import type { EventLogDeps } from './deps.ts';
import { decodeJson, encodeJson, fromItem, toItem, type EventMetadata, type LoggedEvent } from './records.ts';

/** A snapshot is taken each time the version crosses a multiple of this (spec: every 5 events). */
export const SNAPSHOT_EVERY = 5;
const SNAPSHOT_VERSION = 1;

export interface LoadedDispense {
  readonly state: DispenseState;
  /** The sequence number of the last event (0: no events). */
  readonly version: number;
}

/** The current state: the latest snapshot, then the events after it (consistent reads). */
export async function loadDispense(deps: EventLogDeps, id: string): Promise<LoadedDispense> {
  const key = aggregateKey(id);
  try {
    const { Item: snapshot } = await deps.client.send(new GetCommand({ TableName: deps.snapshotsTable, Key: { AggregateTypeAndId: key }, ConsistentRead: true }));
    let state = snapshot ? (decodeJson(snapshot.CurrentSnapshot as Uint8Array) as Dispense) : null;
    let version = snapshot ? Number(snapshot.CurrentSequence) : 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await deps.client.send(
        new QueryCommand({
          TableName: deps.eventLogTable,
          KeyConditionExpression: 'AggregateTypeAndId = :key AND AggregateIdSequence > :after',
          ExpressionAttributeValues: { ':key': key, ':after': version },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      const logged = (page.Items ?? []).map(fromItem);
      state = evolveAll(state, logged.map((l) => l.event));
      version = logged.at(-1)?.sequence ?? version;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return { state, version };
  } catch (error) {
    throw new UnrecognizedError(`Could not load dispense ${id}`, { cause: error });
  }
}

/**
 * The events of one dispense with `after < sequence ≤ through`, in order (consistent reads): what
 * the views projector catches up from. Fewer than asked when the log does not hold them all.
 */
export async function readEvents(deps: Pick<EventLogDeps, 'client' | 'eventLogTable'>, id: string, after: number, through: number): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  try {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await deps.client.send(
        new QueryCommand({
          TableName: deps.eventLogTable,
          KeyConditionExpression: 'AggregateTypeAndId = :key AND AggregateIdSequence BETWEEN :first AND :last',
          ExpressionAttributeValues: { ':key': aggregateKey(id), ':first': after + 1, ':last': through },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      events.push(...(page.Items ?? []).map(fromItem));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  } catch (error) {
    throw new UnrecognizedError(`Could not read the events of dispense ${id}`, { cause: error });
  }
  return events;
}

/**
 * Appends events after `expectedVersion` in one transaction, each conditional on its sequence
 * number being free (optimistic concurrency), with the snapshot when a multiple of 5 is crossed.
 * Answers the new version, or `conflict` when another writer got there first.
 */
export async function appendEvents(
  deps: EventLogDeps,
  id: string,
  expectedVersion: number,
  events: readonly DispenseEvent[],
  stateAfter: Dispense,
  metadata: EventMetadata,
): Promise<number | 'conflict'> {
  const version = expectedVersion + events.length;
  const puts = events.map((event, i) => ({
    Put: {
      TableName: deps.eventLogTable,
      Item: toItem(id, expectedVersion + i + 1, event, metadata),
      ConditionExpression: 'attribute_not_exists(AggregateTypeAndId)',
    },
  }));
  const snapshot =
    Math.floor(version / SNAPSHOT_EVERY) > Math.floor(expectedVersion / SNAPSHOT_EVERY)
      ? [
          {
            Put: {
              TableName: deps.snapshotsTable,
              Item: {
                AggregateTypeAndId: aggregateKey(id),
                AggregateType: AGGREGATE_TYPE,
                AggregateId: id,
                CurrentSequence: version,
                CurrentSnapshot: encodeJson(stateAfter),
                SnapshotVersion: SNAPSHOT_VERSION,
              },
              ConditionExpression: 'attribute_not_exists(AggregateTypeAndId) OR CurrentSequence < :version',
              ExpressionAttributeValues: { ':version': version },
            },
          },
        ]
      : [];
  try {
    await deps.client.send(new TransactWriteCommand({ TransactItems: [...puts, ...snapshot] }));
    return version;
  } catch (error) {
    if (isConflict(error)) return 'conflict';
    throw new UnrecognizedError(`Could not append to dispense ${id}`, { cause: error });
  }
}

/** A failed sequence condition, or another transaction on the same items at the same moment. */
function isConflict(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  return (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict');
}
