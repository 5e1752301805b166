import { DescribeTableCommand, ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Service } from '../s3/index.ts';

/** DynamoDB's item count (DynamoDB Local keeps it current) and the stream ARN of one table. */
export interface TableStats {
  readonly items: number | undefined;
  readonly streamArn: string | undefined;
}

export interface SlowStats {
  /** By table name. */
  readonly tables: ReadonlyMap<string, TableStats>;
  readonly buckets: readonly { readonly name: string; readonly objects: number }[];
}

/** Slow stats are refreshed at most this often, whatever the page asks. */
const REFRESH_MS = 5_000;

/**
 * What costs a round trip to DynamoDB Local or a directory walk (item counts, object counts),
 * refreshed at most every 5 s and only when asked, one refresh at a time; readers get the last
 * values at once, the first reader waits for them.
 */
export class SlowStatsCache {
  #value: SlowStats | undefined;
  #refreshedAt = 0;
  #refreshing: Promise<SlowStats> | undefined;

  constructor(
    private readonly sources: {
      dynamodb: DynamoDBClient;
      s3: Pick<S3Service, 'listBuckets'>;
      /** The tables the stacks declare. */
      declaredTables: () => readonly string[];
      /** Also every other table of DynamoDB Local: only when the cloud has one of its own (tests share one). */
      listAllTables: boolean;
    },
  ) {}

  async get(): Promise<SlowStats> {
    if (Date.now() - this.#refreshedAt >= REFRESH_MS) this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = undefined));
    return this.#value ?? (await this.#refreshing!);
  }

  async #refresh(): Promise<SlowStats> {
    this.#refreshedAt = Date.now();
    const [tables, buckets] = await Promise.all([this.#tables(), this.sources.s3.listBuckets().catch(() => [])]);
    this.#value = { tables, buckets };
    return this.#value;
  }

  async #tables(): Promise<SlowStats['tables']> {
    const { dynamodb } = this.sources;
    const names = new Set(this.sources.declaredTables());
    let start: string | undefined;
    while (this.sources.listAllTables) {
      const page = await dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      for (const name of page.TableNames ?? []) names.add(name);
      start = page.LastEvaluatedTableName;
      if (!start) break;
    }
    const described = await Promise.all(
      [...names].map(async (name) => {
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name })).catch(() => ({ Table: undefined }));
        return [name, { items: Table?.ItemCount, streamArn: Table?.LatestStreamArn }] as const;
      }),
    );
    return new Map(described);
  }
}
