import type { ProvisionedTable } from '../dynamodb/provision.ts';
import type { ProvisionedStream } from '../kinesis/index.ts';
import type { Pipe } from '../pipes/pipe.ts';
import type { CloudServices } from '../services.ts';
import { withDeadline } from './with-deadline.ts';
import { deployBuckets, startBucketNotifications } from './buckets.ts';
import { deployBuses, deployRules } from './buses-rules.ts';
import type { DeployContext } from './context.ts';
import { createEventSources, type EventSource } from './event-sources.ts';
import { deployFunctionUrls } from './function-urls.ts';
import { deployFunctions } from './functions.ts';
import { deployHttpApis } from './http-apis.ts';
import { deployKinesisStreams } from './kinesis-streams.ts';
import { createPipes } from './pipes.ts';
import type { ComputePlan, DeployedStorage, StackSource, StoragePlan } from './plan.ts';
import { deployQueues } from './queues.ts';
import { deploySchedules } from './schedules.ts';
import { deployTables } from './tables.ts';

export interface DeployStackOptions {
  /** First retry delay of stream sources and pipes (tests shorten it). */
  retryBaseDelayMs?: number;
}

export interface DeployedStack {
  readonly name: string;
  readonly storage: StoragePlan;
  readonly compute: ComputePlan;
  /** By physical name. */
  readonly tables: ReadonlyMap<string, ProvisionedTable>;
  readonly kinesisStreams: ReadonlyMap<string, ProvisionedStream>;
  readonly pipes: readonly Pipe[];
  readonly eventSources: readonly EventSource[];
  stop(): Promise<void>;
}

/** How long `deployStack` waits for a LATEST stream source to save its starting point. */
const POSITIONING_DEADLINE_MS = 15_000;

/**
 * Deploys one stack onto the running services, one resource kind at a time, the way src/aws/stack.ts
 * synthesizes one: storage first (tables, queues, buses, buckets, Kinesis streams), then what refers
 * to it (functions, rules, schedules, event sources, pipes, HTTP APIs, function URLs, bucket notifications).
 */
export async function deployStack(source: StackSource, services: CloudServices, options: DeployStackOptions = {}): Promise<DeployedStack> {
  const ctx: DeployContext = {
    stack: source.name,
    services,
    logger: services.logger.child({ stack: source.name }),
    started: [],
    ...(options.retryBaseDelayMs !== undefined && { retryBaseDelayMs: options.retryBaseDelayMs }),
  };
  const storage = source.storage();
  const tables = await deployTables(ctx, storage.tables);
  deployQueues(ctx, storage.queues);
  const kinesisStreams = await deployKinesisStreams(ctx, storage.kinesisStreams);
  await deployBuckets(ctx, storage.buckets);
  deployBuses(ctx, storage.buses);

  const deployed: DeployedStorage = {
    tableStreams: new Map([...tables].map(([name, table]) => [name, table.streamArn])),
    kinesisStreams: new Map([...kinesisStreams].map(([name, stream]) => [name, { streamArn: stream.streamArn, retentionHours: stream.retentionHours }])),
  };
  const compute = source.compute(deployed);
  deployFunctions(ctx, compute.functions);
  deployRules(ctx, storage.buses, compute.rules);
  deploySchedules(ctx, compute.scheduleGroups, compute.schedules);
  const eventSources = createEventSources(ctx, compute.eventSources, deployed);
  const pipes = createPipes(ctx, compute.pipes, deployed);
  ctx.started.push(...pipes, ...eventSources);
  // A LATEST source must have saved its starting point before the cloud reports ready.
  await Promise.all(
    [...pipes, ...eventSources].map((started) =>
      withDeadline(
        started.start(),
        POSITIONING_DEADLINE_MS,
        () => ctx.logger.warn('a stream source is still positioning'),
        (error) => ctx.logger.error('a stream source failed to start after the deploy stopped waiting; it is not running', { error }),
      ),
    ),
  );
  deployHttpApis(ctx, compute.httpApis);
  deployFunctionUrls(ctx, compute.functionUrls);
  startBucketNotifications(ctx, compute.bucketNotifications);

  return {
    name: source.name,
    storage,
    compute,
    tables,
    kinesisStreams,
    pipes,
    eventSources,
    stop: async () => {
      await Promise.all(ctx.started.map((s) => s.stop()));
    },
  };
}
