import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

export const REQUEST_STATUSES = ['processing', 'completed', 'failed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A request's status record (the item keyed by its id). */
export interface RequestRecord {
  readonly requestId: string;
  readonly status: RequestStatus;
  readonly createdAt: string;
  readonly totalBatches: number;
  readonly processedBatches: number;
  readonly contactCount: number;
  readonly requestHash: string;
  /** Set once the split message is queued; a repeat of the request re-queues it while unset. */
  readonly splitQueuedAt?: string;
  /** Set once every batch message was sent; a redelivered split message then sends nothing. */
  readonly splitAt?: string;
  readonly completedAt?: string;
  readonly failedAt?: string;
  readonly failureReason?: string;
}

export type NewRequest = Pick<RequestRecord, 'requestId' | 'createdAt' | 'totalBatches' | 'contactCount' | 'requestHash'>;

/**
 * The one table of the app, keyed by `requestId`: the status records plus two helper kinds of item,
 * `dedup#<sha256>` (the first request with that content) and `<requestId>#batch#<index>` (a batch
 * that was counted). Every write that must happen once is a conditional write.
 */
export class StatusTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(requestId: string): Promise<RequestRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: { requestId }, ConsistentRead: true }));
    return Item as RequestRecord | undefined;
  }

  /** The id of the first request with this content hash, if any. */
  async findByHash(requestHash: string): Promise<string | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: { requestId: dedupKey(requestHash) }, ConsistentRead: true }));
    return Item?.targetRequestId as string | undefined;
  }

  /**
   * Claims the content hash and writes the `processing` record in one transaction: of two identical
   * requests racing, exactly one creates a request; the other gets `{ created: false, requestId }` of the first.
   * With `replacing` (the id the hash points to now, a `failed` request), the claim takes the hash over
   * from that request only if it still points there, so of two retries racing, one creates the request.
   */
  async create(request: NewRequest, replacing?: string): Promise<{ created: true } | { created: false; requestId: string }> {
    const claim = replacing === undefined ? { ConditionExpression: 'attribute_not_exists(requestId)' } : { ConditionExpression: 'targetRequestId = :old', ExpressionAttributeValues: { ':old': replacing } };
    try {
      await this.transact({
        TransactItems: [
          { Put: { TableName: this.table, Item: { requestId: dedupKey(request.requestHash), kind: 'dedup', targetRequestId: request.requestId }, ...claim } },
          { Put: { TableName: this.table, Item: { ...request, kind: 'request', status: 'processing', processedBatches: 0 }, ConditionExpression: 'attribute_not_exists(requestId)' } },
        ],
      });
      return { created: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || error.CancellationReasons?.[0]?.Code !== 'ConditionalCheckFailed') throw error;
      const first = await this.findByHash(request.requestHash);
      if (!first) throw new Error(`the dedup item of ${request.requestHash} vanished`, { cause: error });
      return { created: false, requestId: first };
    }
  }

  async markSplitQueued(requestId: string, at: string): Promise<void> {
    await this.client.send(new UpdateCommand({ TableName: this.table, Key: { requestId }, UpdateExpression: 'SET splitQueuedAt = :at', ExpressionAttributeValues: { ':at': at } }));
  }

  async markSplit(requestId: string, at: string): Promise<void> {
    await this.client.send(new UpdateCommand({ TableName: this.table, Key: { requestId }, UpdateExpression: 'SET splitAt = :at', ExpressionAttributeValues: { ':at': at } }));
  }

  async isBatchCounted(requestId: string, batchIndex: number): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: { requestId: batchKey(requestId, batchIndex) }, ConsistentRead: true }));
    return Item !== undefined;
  }

  /**
   * Counts a batch exactly once: a marker item that must not exist yet and `processedBatches + 1`,
   * in one transaction. A redelivered or duplicate batch message finds the marker and counts nothing.
   */
  async countBatch(requestId: string, batchIndex: number, at: string): Promise<'counted' | 'already-counted'> {
    try {
      await this.transact({
        TransactItems: [
          { Put: { TableName: this.table, Item: { requestId: batchKey(requestId, batchIndex), kind: 'batch', countedAt: at }, ConditionExpression: 'attribute_not_exists(requestId)' } },
          { Update: { TableName: this.table, Key: { requestId }, UpdateExpression: 'ADD processedBatches :one', ConditionExpression: 'attribute_exists(requestId)', ExpressionAttributeValues: { ':one': 1 } } },
        ],
      });
      return 'counted';
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'already-counted';
      throw error;
    }
  }

  /** `processing` → `completed` once every batch is counted; false when it was not `processing` (a duplicate finish). */
  async complete(requestId: string, at: string): Promise<boolean> {
    return this.transition(requestId, {
      UpdateExpression: 'SET #status = :completed, completedAt = :at',
      ConditionExpression: '#status = :processing AND processedBatches >= totalBatches',
      ExpressionAttributeValues: { ':completed': 'completed', ':processing': 'processing', ':at': at },
    });
  }

  /** Any state but `completed` → `failed`; false when the request is unknown or already completed. */
  async fail(requestId: string, at: string, reason: string): Promise<boolean> {
    return this.transition(requestId, {
      UpdateExpression: 'SET #status = :failed, failedAt = if_not_exists(failedAt, :at), failureReason = if_not_exists(failureReason, :reason)',
      ConditionExpression: 'attribute_exists(requestId) AND #status <> :completed',
      ExpressionAttributeValues: { ':failed': 'failed', ':completed': 'completed', ':at': at, ':reason': reason },
    });
  }

  /**
   * Workers of one request all update its record, so their transactions conflict now and then
   * (TransactionConflict): retried here with a short jittered wait rather than through SQS redelivery.
   */
  private async transact(input: TransactWriteCommandInput, attempts = 8): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new TransactWriteCommand({ ...input }));
        return;
      } catch (error) {
        const conflict = error instanceof TransactionCanceledException && error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict');
        if (!conflict || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  private async transition(requestId: string, update: { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> }): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand({ TableName: this.table, Key: { requestId }, ExpressionAttributeNames: { '#status': 'status' }, ...update }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

const dedupKey = (requestHash: string) => `dedup#${requestHash}`;
const batchKey = (requestId: string, batchIndex: number) => `${requestId}#batch#${batchIndex}`;
