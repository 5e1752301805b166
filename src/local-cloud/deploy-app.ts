import { isAbsolute, resolve } from 'node:path';
import type { AppDef, EnvValue, EventPattern, FunctionDef, KinesisTrigger, QueueDef, SqsTrigger, StreamTrigger } from '../platform/topology/types.ts';
import { provisionTable, type ProvisionedTable } from './dynamodb/provision.ts';
import type { TargetConfig } from './eventbridge/index.ts';
import { arn } from './identity.ts';
import { provisionStream, type ProvisionedStream } from './kinesis/index.ts';
import { KinesisEventSource, SqsEventSource, StreamEventSource } from './lambda/esm/index.ts';
import { replaceRefs } from '../platform/topology/refs.ts';
import { parseHandler, physicalName } from './naming.ts';
import { Pipe } from './pipes/pipe.ts';
import { startBucketNotifications } from './s3/deploy-buckets.ts';
import type { CloudServices, Stoppable } from './services.ts';

export interface DeployOptions {
  /** Resolves handler module paths. */
  projectRoot: string;
  /** Environment every function gets (endpoints, region, credentials). */
  baseEnvironment: Readonly<Record<string, string>>;
  /** Applied over every queue (tests shorten visibility timeouts). */
  queueOverrides?: Partial<QueueDef>;
  /** Retry delays for stream sources and rule targets (tests shorten them). */
  retryBaseDelayMs?: number;
}

export interface DeployedApp {
  readonly app: AppDef;
  readonly tables: ReadonlyMap<string, ProvisionedTable>;
  readonly pipes: readonly Pipe[];
  readonly eventSources: readonly (SqsEventSource | StreamEventSource | KinesisEventSource)[];
  /** Logical Kinesis stream name → the provisioned stream. */
  readonly kinesisStreams: ReadonlyMap<string, ProvisionedStream>;
  /** Logical HTTP API name → local API id (`<app>-<api>`). */
  readonly apiIds: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

/** Creates an app's resources on the running services and starts its pollers and pipes. */
export async function deployApp(app: AppDef, services: CloudServices, options: DeployOptions): Promise<DeployedApp> {
  const name = (logical: string) => physicalName(app, logical);
  const tables = new Map<string, ProvisionedTable>();
  for (const [logical, table] of Object.entries(app.tables ?? {})) {
    tables.set(logical, await provisionTable(services.dynamodb, name(logical), table));
  }
  createQueues(app, services, options.queueOverrides);
  const kinesisStreams = new Map<string, ProvisionedStream>();
  for (const [logical, stream] of Object.entries(app.kinesisStreams ?? {})) {
    kinesisStreams.set(logical, await provisionStream(services.kinesis.client, name(logical), stream));
  }
  for (const bucket of Object.keys(app.buckets ?? {})) await services.s3.createBucket(name(bucket));
  for (const bus of Object.keys(app.buses ?? {})) services.eventBridge.createBus(name(bus), { ifNotExists: true });

  const resolveRef = (value: EnvValue): string => {
    if (typeof value === 'string') return value;
    switch (value.ref) {
      case 'tableName':
      case 'busName':
      case 'bucketName':
      case 'kinesisStreamName':
        return name(value.name);
      case 'tableStreamArn':
        return tables.get(value.name)?.streamArn ?? '';
      case 'queueUrl':
        return services.sqs.queueUrl(name(value.name));
      case 'queueArn':
        return services.sqs.queueArn(name(value.name));
      case 'busArn':
        return services.eventBridge.busArn(name(value.name));
      case 'kinesisStreamArn':
        return kinesisStreams.get(value.name)?.streamArn ?? '';
    }
  };
  for (const [logical, fn] of Object.entries(app.functions ?? {})) registerFunction(services, name(logical), fn, options, resolveRef);

  removeUndeclaredRules(app, services);
  for (const [logical, rule] of Object.entries(app.rules ?? {})) {
    const busName = name(rule.bus);
    services.eventBridge.putRule({
      name: name(logical),
      busName,
      eventPattern: JSON.stringify(replaceRefs(rule.eventPattern, resolveRef)),
      state: rule.enabled === false ? 'DISABLED' : 'ENABLED',
      ...(rule.description !== undefined && { description: rule.description }),
    });
    const targets: TargetConfig[] = rule.targets.map((target) => {
      const isQueue = 'queue' in target;
      const resource = isQueue ? target.queue : target.function;
      return {
        id: target.id ?? resource,
        arn: isQueue ? services.sqs.queueArn(name(resource)) : arn('lambda', `function:${name(resource)}`),
        ...(target.input !== undefined && { input: target.input }),
        ...(target.inputPath !== undefined && { inputPath: target.inputPath }),
        ...(target.inputTransformer !== undefined && { inputTransformer: target.inputTransformer }),
        ...(target.retryPolicy !== undefined && { retryPolicy: target.retryPolicy }),
        ...(target.deadLetterQueue !== undefined && { deadLetterArn: services.sqs.queueArn(name(target.deadLetterQueue)) }),
      };
    });
    const stale = services.eventBridge.getRule(busName, name(logical)).targets.filter((t) => !targets.some((d) => d.id === t.id));
    if (stale.length > 0) services.eventBridge.removeTargets(busName, name(logical), stale.map((t) => t.id));
    services.eventBridge.putTargets(busName, name(logical), targets);
  }

  const eventSources = startEventSources(app, services, tables, options, resolveRef, kinesisStreams);
  const pipes = Object.entries(app.pipes ?? {}).map(([logical, definition]) => {
    const pipe = new Pipe({
      name: name(logical),
      definition: { ...definition, ...(definition.filters && { filters: definition.filters.map((f) => replaceRefs(f, resolveRef) as EventPattern) }) },
      streamArn: tables.get(definition.sourceTable)!.streamArn!,
      busName: name(definition.target.bus),
      ...(definition.source?.deadLetterQueue && { deadLetterQueue: name(definition.source.deadLetterQueue) }),
      db: services.db,
      streams: services.streams,
      checkpoints: services.checkpoints,
      bus: services.eventBridge,
      queues: services.sqs,
      logger: services.logger.child({ pipe: name(logical) }),
      ...(options.retryBaseDelayMs !== undefined && { retryBaseDelayMs: options.retryBaseDelayMs }),
    });
    return pipe;
  });
  // A LATEST source must have saved its starting point before the cloud reports ready.
  await Promise.all(
    [...pipes, ...eventSources].map((source) =>
      withDeadline(
        source.start(),
        15_000,
        () => services.logger.warn('a stream source is still positioning'),
        (error) => services.logger.error('a stream source failed to start after the deploy stopped waiting; it is not running', { error }),
      ),
    ),
  );

  const apiIds = new Map<string, string>();
  for (const [logical, api] of Object.entries(app.httpApis ?? {})) {
    const id = name(logical);
    services.gateway.addApi({
      id,
      routes: api.routes.map((route) => ({ routeKey: route.route, functionName: name(route.function) })),
      ...(api.cors && { cors: api.cors }),
    });
    apiIds.set(logical, id);
  }

  const stoppables: Stoppable[] = [...pipes, ...eventSources, ...startBucketNotifications(app, services)];
  return {
    app,
    tables,
    pipes,
    eventSources,
    kinesisStreams,
    apiIds,
    stop: async () => {
      await Promise.all(stoppables.map((s) => s.stop()));
    },
  };
}

/** A persistent data directory keeps rules a later version of the topology no longer declares: drop them. */
function removeUndeclaredRules(app: AppDef, services: CloudServices): void {
  const declared = new Set(Object.keys(app.rules ?? {}).map((logical) => physicalName(app, logical)));
  for (const bus of Object.keys(app.buses ?? {})) {
    const busName = physicalName(app, bus);
    for (const rule of services.eventBridge.listRules(busName)) {
      if (declared.has(rule.name)) continue;
      services.eventBridge.removeTargets(busName, rule.name, rule.targets.map((t) => t.id));
      services.eventBridge.deleteRule(busName, rule.name);
      services.logger.info('removed a rule the topology no longer declares', { bus: busName, rule: rule.name });
    }
  }
}

/** Dead-letter queues first, so every redrive policy points at an existing queue. */
function createQueues(app: AppDef, services: CloudServices, overrides: Partial<QueueDef> = {}): void {
  const queues = Object.entries(app.queues ?? {});
  const ordered = [...queues.filter(([logical]) => queues.some(([, q]) => q.deadLetterQueue?.queue === logical)), ...queues];
  const created = new Set<string>();
  for (const [logical, declared] of ordered) {
    if (created.has(logical)) continue;
    created.add(logical);
    const queue = { ...declared, ...overrides };
    const attributes: Record<string, string> = {};
    const set = (key: string, value: number | undefined) => value !== undefined && (attributes[key] = String(value));
    set('VisibilityTimeout', queue.visibilityTimeoutSeconds);
    set('MessageRetentionPeriod', queue.messageRetentionSeconds);
    set('DelaySeconds', queue.delaySeconds);
    set('ReceiveMessageWaitTimeSeconds', queue.receiveMessageWaitTimeSeconds);
    set('MaximumMessageSize', queue.maximumMessageSizeBytes);
    if (queue.deadLetterQueue) {
      attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: services.sqs.queueArn(physicalName(app, queue.deadLetterQueue.queue)),
        maxReceiveCount: queue.deadLetterQueue.maxReceiveCount,
      });
    }
    const name = physicalName(app, logical);
    try {
      services.sqs.createQueue(name, attributes);
    } catch {
      // Declared attributes changed since the queue was created (persistent data): apply them.
      services.sqs.setQueueAttributes(name, attributes);
    }
  }
}

function registerFunction(
  services: CloudServices,
  name: string,
  fn: FunctionDef,
  options: DeployOptions,
  resolveRef: (value: EnvValue) => string,
): void {
  const { modulePath, exportName } = parseHandler(fn.handler);
  const environment: Record<string, string> = { ...options.baseEnvironment };
  for (const [key, value] of Object.entries(fn.environment ?? {})) environment[key] = resolveRef(value);
  services.runner.register({
    name,
    modulePath: isAbsolute(modulePath) ? modulePath : resolve(options.projectRoot, modulePath),
    exportName,
    environment,
    timeoutSeconds: fn.timeoutSeconds ?? 3,
    memoryMb: fn.memoryMb ?? 128,
    ...(fn.reservedConcurrency !== undefined && { reservedConcurrency: fn.reservedConcurrency }),
    ...(fn.localAliases !== undefined && { aliases: fn.localAliases }),
  });
  const asyncConfig = {
    ...(fn.maximumAsyncRetryAttempts !== undefined && { maximumRetryAttempts: fn.maximumAsyncRetryAttempts }),
    ...(fn.onAsyncFailureQueue !== undefined && { onFailureArn: resolveRef({ ref: 'queueArn', name: fn.onAsyncFailureQueue }) }),
  };
  for (const invokedAs of [name, ...(fn.localAliases ?? [])]) services.dispatcher.configureAsyncInvoke(invokedAs, asyncConfig);
}

function startEventSources(
  app: AppDef,
  services: CloudServices,
  tables: ReadonlyMap<string, ProvisionedTable>,
  options: DeployOptions,
  resolveRef: (value: EnvValue) => string,
  kinesisStreams: ReadonlyMap<string, ProvisionedStream>,
): (SqsEventSource | StreamEventSource | KinesisEventSource)[] {
  const sources: (SqsEventSource | StreamEventSource | KinesisEventSource)[] = [];
  for (const [logical, fn] of Object.entries(app.functions ?? {})) {
    const functionName = physicalName(app, logical);
    for (const declared of fn.triggers ?? []) {
      if (declared.type === 's3') continue;
      const trigger = withResolvedFilters(declared, resolveRef);
      const logger = services.logger.child({ function: functionName });
      if (trigger.type === 'sqs') {
        sources.push(new SqsEventSource({ functionName, queue: physicalName(app, trigger.queue), trigger, sqs: services.sqs, runner: services.runner, logger }));
        continue;
      }
      // What the two ordered-stream mappings share: checkpoints, retries, the on-failure destination.
      const mapping = {
        functionName,
        ...(trigger.onFailureQueue && { onFailureQueue: physicalName(app, trigger.onFailureQueue) }),
        checkpoints: services.checkpoints,
        runner: services.runner,
        queues: services.sqs,
        logger,
        ...(options.retryBaseDelayMs !== undefined && { retryBaseDelayMs: options.retryBaseDelayMs }),
      };
      if (trigger.type === 'kinesis') {
        const stream = kinesisStreams.get(trigger.stream)!;
        const { streamName, streamArn, retentionHours } = stream;
        sources.push(new KinesisEventSource({ ...mapping, trigger, streamName, streamArn, retentionHours, kinesis: services.kinesis.client }));
      } else {
        sources.push(new StreamEventSource({ ...mapping, trigger, streamArn: tables.get(trigger.table)!.streamArn!, streams: services.streams }));
      }
    }
  }
  return sources;
}

function withResolvedFilters<T extends SqsTrigger | StreamTrigger | KinesisTrigger>(trigger: T, resolveRef: (value: EnvValue) => string): T {
  if (!trigger.filterCriteria) return trigger;
  return { ...trigger, filterCriteria: { patterns: trigger.filterCriteria.patterns.map((p) => replaceRefs(p, resolveRef) as EventPattern) } };
}

/** Awaits `work` for at most `ms`; a rejection after that goes to `onLateFailure` instead of nowhere. */
export async function withDeadline(work: Promise<void> | void, ms: number, onLate: () => void, onLateFailure: (error: unknown) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let passed = false;
  // Once the deadline passed the race is settled: a rejection of `work` would be dropped silently.
  Promise.resolve(work).catch((error: unknown) => {
    if (passed) onLateFailure(error);
  });
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      passed = true;
      onLate();
      resolve();
    }, ms);
  });
  await Promise.race([work, late]);
  clearTimeout(timer);
}
