import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidArgumentsError, UnrecognizedError } from '../../../platform/errors.ts';
import { isUlid, type AGGREGATE_TYPE, type Dispense } from '../dispense/dispense.ts';
import { decodeJson, encodeJson } from '../event-log/records.ts';

export interface ViewDeps {
  readonly client: DynamoDBDocumentClient;
  readonly viewsTable: string;
}

/** The view JSON of the reference: `{aggregate_type, command_id, id, dispense}`. */
export interface DispenseView {
  readonly aggregate_type: typeof AGGREGATE_TYPE;
  /** The command that produced the last applied event. */
  readonly command_id: string;
  readonly id: string;
  readonly dispense: Dispense;
}

/** A view with the sequence number of the last event applied to it. */
export interface VersionedView {
  readonly view: DispenseView;
  readonly version: number;
}

/** One view item (dynamo-es view repository: ViewId, Version, Payload as binary JSON). */
const fromItem = (item: Record<string, unknown>): VersionedView => ({ view: decodeJson(item.Payload as Uint8Array) as DispenseView, version: Number(item.Version) });

export async function readView(deps: ViewDeps, id: string): Promise<VersionedView | undefined> {
  try {
    const { Item } = await deps.client.send(new GetCommand({ TableName: deps.viewsTable, Key: { ViewId: id }, ConsistentRead: true }));
    return Item ? fromItem(Item) : undefined;
  } catch (error) {
    throw new UnrecognizedError(`Could not read the view of dispense ${id}`, { cause: error });
  }
}

/** Writes the view at `version` only if it is still at `previousVersion` (0: it does not exist); false if it moved. */
export async function writeView(deps: ViewDeps, view: DispenseView, version: number, previousVersion: number): Promise<boolean> {
  try {
    await deps.client.send(
      new PutCommand({
        TableName: deps.viewsTable,
        Item: { ViewId: view.id, Version: version, Payload: encodeJson(view) },
        ...(previousVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(ViewId)' }
          : { ConditionExpression: 'Version = :previous', ExpressionAttributeValues: { ':previous': previousVersion } }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw new UnrecognizedError(`Could not write the view of dispense ${view.id}`, { cause: error });
  }
}

export interface ViewPage {
  readonly items: readonly (DispenseView & { readonly version: number })[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  readonly next_cursor?: string;
}

/** One page of views (a Scan: no order is promised) with an opaque cursor. */
export async function listViews(deps: ViewDeps, options: { limit: number; cursor?: string }): Promise<ViewPage> {
  const ExclusiveStartKey = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  try {
    const page = await deps.client.send(new ScanCommand({ TableName: deps.viewsTable, Limit: options.limit, ExclusiveStartKey, ConsistentRead: true }));
    const items = (page.Items ?? []).map(fromItem).map(({ view, version }) => ({ ...view, version }));
    const viewId = page.LastEvaluatedKey?.ViewId;
    return { items, ...(typeof viewId === 'string' && { next_cursor: encodeCursor(viewId) }) };
  } catch (error) {
    throw new UnrecognizedError('Could not list the dispense views', { cause: error });
  }
}

const encodeCursor = (viewId: string): string => Buffer.from(JSON.stringify({ v: viewId })).toString('base64url');

function decodeCursor(cursor: string): { ViewId: string } {
  try {
    const { v } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown };
    if (typeof v === 'string' && isUlid(v)) return { ViewId: v };
  } catch {
    // reported below
  }
  throw new InvalidArgumentsError('invalid cursor', [{ path: 'cursor', message: 'is not a cursor returned by this list' }]);
}
