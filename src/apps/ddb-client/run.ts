import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DdbClientConfig } from './config.ts';
import { runDemo } from './demo.ts';
import { fatalError, TableNotFoundError, type ErrorContext } from './errors.ts';
import { OperationExecutor } from './executor.ts';
import { runLoad, type LoadFigures } from './load.ts';
import { Metrics } from './metrics.ts';
import type { OperationContext } from './operation.ts';
import { seededRandom, type Random } from './random.ts';
import { createReporter, type RunSummary, type StopReason, type Write } from './report.ts';
import { createUsersTableIfMissing, tableExists } from './users-table.ts';
import { UserFactory } from './users.ts';

export interface RunOptions {
  /** Aborting it stops after the running operation(s) finish. */
  readonly signal: AbortSignal;
  /** Default: a line to stdout. */
  readonly write?: Write;
  /** Default: the SDK's standard retry with 5 attempts (exponential backoff, full jitter) for throttling. */
  readonly maxAttempts?: number;
}

/**
 * Runs the client as configured and returns its summary (also printed); throws a DdbClientError for
 * a fatal problem (table missing, access denied, throttled, unreachable), after printing the summary.
 *
 * @example
 * const summary = await runDdbClient(config, { signal: AbortSignal.timeout(10_000) });
 */
export async function runDdbClient(config: DdbClientConfig, options: RunOptions): Promise<RunSummary> {
  const reporter = createReporter(config.json, options.write ?? ((line) => process.stdout.write(`${line}\n`)));
  const client = new DynamoDBClient({ region: config.region, maxAttempts: options.maxAttempts ?? 5, ...(config.endpoint && { endpoint: config.endpoint }) });
  const errorContext: ErrorContext = { tableName: config.tableName, region: config.region, ...(config.endpoint && { endpoint: config.endpoint }) };
  try {
    await prepareTable(client, config, errorContext, (message) => reporter.note(message));
    reporter.banner(config);
    const random: Random = config.seed === undefined ? Math.random : seededRandom(config.seed);
    const ctx: OperationContext = {
      db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
      tableName: config.tableName,
      users: new UserFactory(random),
      random,
      now: () => new Date(),
      batchSize: config.batchSize,
      scanMaxPages: 4,
      batchMaxAttempts: 8,
      batchBaseDelayMs: 50,
    };
    const metrics = new Metrics();
    const executor = new OperationExecutor(ctx, metrics, reporter, errorContext, config.reportEvery);
    const started = performance.now();
    const summarize = (stoppedBy: StopReason, load?: LoadFigures): RunSummary => ({
      mode: config.mode,
      elapsedMs: Math.round(performance.now() - started),
      stoppedBy,
      operations: metrics.operations(),
      total: metrics.total(),
      ...(load && { load }),
    });
    let summary: RunSummary;
    try {
      if (config.mode === 'demo') {
        const stoppedBy = await runDemo(executor, metrics, { ...config, random, signal: options.signal });
        if (stoppedBy === 'max-operations') reporter.note(`Completed ${metrics.succeeded} operations`);
        summary = summarize(stoppedBy);
      } else {
        const load = await runLoad(executor, { ...config, random, signal: options.signal });
        summary = summarize(options.signal.aborted ? 'signal' : 'duration', load);
      }
    } catch (error) {
      reporter.summary(summarize('fatal'));
      throw error;
    }
    reporter.summary(summary);
    return summary;
  } catch (error) {
    throw fatalError(error, errorContext) ?? error;
  } finally {
    client.destroy();
  }
}

async function prepareTable(client: DynamoDBClient, config: DdbClientConfig, errorContext: ErrorContext, note: (message: string) => void): Promise<void> {
  if (config.createTable) {
    if (await createUsersTableIfMissing(client, config.tableName)) note(`Created table ${config.tableName} (on-demand, key id, GSI department); it is ACTIVE`);
    return;
  }
  if (!(await tableExists(client, config.tableName))) throw new TableNotFoundError(errorContext);
}
