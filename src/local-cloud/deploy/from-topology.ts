import { isAbsolute, resolve } from 'node:path';
import { parseHandler } from '../../platform/topology/handler.ts';
import { replaceRefs } from '../../platform/topology/refs.ts';
import type { AppDef, EnvValue, EventPattern, FilterCriteria, QueueDef, TableDef } from '../../platform/topology/types.ts';
import type { TargetConfig } from '../delivery/target.ts';
import { tableInput } from '../dynamodb/provision.ts';
import { topologyPipeDefinition } from '../pipes/topology.ts';
import type { ResourceNames } from './names.ts';
import type { BucketNotificationPlan, ComputePlan, DeployedStorage, EventSourcePlan, QueuePlan, StackSource, StoragePlan } from './plan.ts';

export interface TopologySourceOptions {
  /** Resolves handler module paths. */
  projectRoot: string;
  /** Environment every function gets (endpoints, region, credentials). */
  baseEnvironment: Readonly<Record<string, string>>;
  /** Applied over every queue (tests shorten visibility timeouts). */
  queueOverrides?: Partial<QueueDef>;
  names: ResourceNames;
  /** Base URL of an HTTP API by its id. */
  apiUrl(apiId: string): string;
}

/** Physical name of an app's resource in the local cloud: `<app>-<logical>`. */
export function physicalName(app: AppDef | string, logical: string): string {
  return `${typeof app === 'string' ? app : app.name}-${logical}`;
}

/** An eventloom app as a stack: each resource named `<app>-<logical>`. */
export function topologySource(app: AppDef, options: TopologySourceOptions): StackSource {
  const name = (logical: string) => physicalName(app, logical);
  const { names } = options;
  return {
    name: app.name,
    storage: (): StoragePlan => ({
      tables: Object.entries(app.tables ?? {}).map(([logical, table]: [string, TableDef]) => ({
        input: tableInput(name(logical), table),
        ...(table.timeToLiveAttribute && { timeToLiveAttribute: table.timeToLiveAttribute }),
      })),
      queues: queuePlans(app, options),
      buses: Object.keys(app.buses ?? {}).map(name),
      buckets: Object.keys(app.buckets ?? {}).map(name),
      kinesisStreams: Object.entries(app.kinesisStreams ?? {}).map(([logical, stream]) => ({
        name: name(logical),
        shardCount: stream.shardCount ?? 1,
        retentionHours: stream.retentionHours ?? 24,
      })),
    }),
    compute: (storage: DeployedStorage): ComputePlan => {
      const resolveRef = (value: EnvValue): string => {
        if (typeof value === 'string') return value;
        switch (value.ref) {
          case 'tableName':
          case 'busName':
          case 'bucketName':
          case 'kinesisStreamName':
            return name(value.name);
          case 'tableStreamArn':
            return storage.tableStreams.get(name(value.name)) ?? '';
          case 'queueUrl':
            return names.queueUrl(name(value.name));
          case 'queueArn':
            return names.queueArn(name(value.name));
          case 'busArn':
            return names.busArn(name(value.name));
          case 'kinesisStreamArn':
            return storage.kinesisStreams.get(name(value.name))?.streamArn ?? '';
        }
      };
      const resolvePattern = (pattern: EventPattern) => replaceRefs(pattern, resolveRef) as EventPattern;
      const resolveFilters = (criteria: FilterCriteria | undefined) => criteria && { patterns: criteria.patterns.map(resolvePattern) };
      const env: Record<string, string> = {};
      for (const [logical, api] of Object.entries(app.httpApis ?? {})) if (api.baseUrlEnv) env[api.baseUrlEnv] = options.apiUrl(name(logical));
      for (const [logical, table] of Object.entries(app.tables ?? {})) if (table.nameEnv) env[table.nameEnv] = name(logical);

      const eventSources: EventSourcePlan[] = [];
      const bucketNotifications: BucketNotificationPlan[] = [];
      for (const [logical, fn] of Object.entries(app.functions ?? {})) {
        const functionName = name(logical);
        (fn.triggers ?? []).forEach((trigger, index) => {
          if (trigger.type === 's3') {
            bucketNotifications.push({
              bucket: name(trigger.bucket),
              functionName,
              configurationId: `${functionName}-s3-${index}`,
              events: trigger.events ?? ['s3:ObjectCreated:*'],
              ...(trigger.prefix !== undefined && { prefix: trigger.prefix }),
              ...(trigger.suffix !== undefined && { suffix: trigger.suffix }),
            });
            return;
          }
          const { type: _type, ...rest } = trigger;
          const filterCriteria = resolveFilters(trigger.filterCriteria);
          if (trigger.type === 'sqs') {
            const { queue, ...parameters } = rest as typeof trigger;
            eventSources.push({ kind: 'sqs', functionName, queueName: name(queue), parameters: { ...parameters, ...(filterCriteria && { filterCriteria }) } });
            return;
          }
          const onFailureQueue = trigger.onFailureQueue ? name(trigger.onFailureQueue) : undefined;
          const { onFailureQueue: _queue, ...withoutQueue } = rest as typeof trigger;
          const parameters = { ...withoutQueue, ...(filterCriteria && { filterCriteria }) };
          if (trigger.type === 'kinesis') {
            const { stream: _stream, ...streamParameters } = parameters as typeof trigger;
            eventSources.push({ kind: 'kinesis', functionName, streamName: name(trigger.stream), parameters: streamParameters, ...(onFailureQueue && { onFailureQueue }) });
          } else {
            const { table: _table, ...streamParameters } = parameters as typeof trigger;
            eventSources.push({ kind: 'dynamodb', functionName, tableName: name(trigger.table), parameters: streamParameters, ...(onFailureQueue && { onFailureQueue }) });
          }
        });
      }

      return {
        functions: Object.entries(app.functions ?? {}).map(([logical, fn]) => {
          const { file: modulePath, exportName } = parseHandler(fn.handler);
          return {
            name: name(logical),
            modulePath: isAbsolute(modulePath) ? modulePath : resolve(options.projectRoot, modulePath),
            exportName,
            handler: fn.handler,
            runtime: 'nodejs20.x',
            environment: { ...options.baseEnvironment, ...Object.fromEntries(Object.entries(fn.environment ?? {}).map(([key, value]) => [key, resolveRef(value)])) },
            timeoutSeconds: fn.timeoutSeconds ?? 3,
            memoryMb: fn.memoryMb ?? 128,
            ...(fn.reservedConcurrency !== undefined && { reservedConcurrency: fn.reservedConcurrency }),
            ...(fn.localAliases !== undefined && { aliases: fn.localAliases }),
            ...(fn.maximumAsyncRetryAttempts !== undefined && { maximumAsyncRetryAttempts: fn.maximumAsyncRetryAttempts }),
            ...(fn.onAsyncFailureQueue !== undefined && { onAsyncFailureArn: names.queueArn(name(fn.onAsyncFailureQueue)) }),
          };
        }),
        rules: Object.entries(app.rules ?? {}).map(([logical, rule]) => ({
          name: name(logical),
          busName: name(rule.bus),
          eventPattern: resolvePattern(rule.eventPattern),
          enabled: rule.enabled !== false,
          ...(rule.description !== undefined && { description: rule.description }),
          targets: rule.targets.map((target): TargetConfig => {
            const isQueue = 'queue' in target;
            const resource = isQueue ? target.queue : target.function;
            return {
              id: target.id ?? resource,
              arn: isQueue ? names.queueArn(name(resource)) : names.functionArn(name(resource)),
              ...(target.input !== undefined && { input: target.input }),
              ...(target.inputPath !== undefined && { inputPath: target.inputPath }),
              ...(target.inputTransformer !== undefined && { inputTransformer: target.inputTransformer }),
              ...(target.retryPolicy !== undefined && { retryPolicy: target.retryPolicy }),
              ...(target.deadLetterQueue !== undefined && { deadLetterArn: names.queueArn(name(target.deadLetterQueue)) }),
            };
          }),
        })),
        eventSources,
        pipes: Object.entries(app.pipes ?? {}).map(([logical, definition]) =>
          topologyPipeDefinition(name(logical), { ...definition, ...(definition.filters && { filters: definition.filters.map(resolvePattern) }) }, {
            tableName: name(definition.sourceTable),
            busName: name(definition.target.bus),
            ...(definition.source?.deadLetterQueue && { deadLetterQueue: name(definition.source.deadLetterQueue) }),
          }),
        ),
        httpApis: Object.entries(app.httpApis ?? {}).map(([logical, api]) => ({
          id: name(logical),
          routes: api.routes.map((route) => ({ routeKey: route.route, functionName: name(route.function) })),
          ...(api.cors && { cors: api.cors }),
        })),
        bucketNotifications,
        scheduleGroups: [],
        schedules: [],
        functionUrls: [],
        env,
      };
    },
  };
}

/** Dead-letter queues first, so every redrive policy points at an existing queue. */
function queuePlans(app: AppDef, options: TopologySourceOptions): QueuePlan[] {
  const queues = Object.entries(app.queues ?? {});
  const ordered = [...queues.filter(([logical]) => queues.some(([, q]) => q.deadLetterQueue?.queue === logical)), ...queues];
  const seen = new Set<string>();
  const plans: QueuePlan[] = [];
  for (const [logical, declared] of ordered) {
    if (seen.has(logical)) continue;
    seen.add(logical);
    const queue = { ...declared, ...options.queueOverrides };
    const attributes: Record<string, string> = {};
    const set = (key: string, value: number | undefined) => value !== undefined && (attributes[key] = String(value));
    set('VisibilityTimeout', queue.visibilityTimeoutSeconds);
    set('MessageRetentionPeriod', queue.messageRetentionSeconds);
    set('DelaySeconds', queue.delaySeconds);
    set('ReceiveMessageWaitTimeSeconds', queue.receiveMessageWaitTimeSeconds);
    set('MaximumMessageSize', queue.maximumMessageSizeBytes);
    if (queue.deadLetterQueue) {
      attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: options.names.queueArn(physicalName(app, queue.deadLetterQueue.queue)),
        maxReceiveCount: queue.deadLetterQueue.maxReceiveCount,
      });
    }
    plans.push({ name: physicalName(app, logical), attributes });
  }
  return plans;
}
