import { participant, participantOfArn } from '../activity/index.ts';
import type { CloudServices } from '../services.ts';
import type { DashboardMetrics } from './metrics.ts';
import type { FunctionView, MappingView, Overview, PipeView, QueueView, RuleView, TableView } from './overview-types.ts';
import type { SlowStats, TableStats } from './slow-stats.ts';
import { stackOf, type StackInventory } from './stacks.ts';

export interface OverviewSources {
  readonly services: CloudServices;
  readonly metrics: DashboardMetrics;
  readonly stacks: readonly StackInventory[];
  readonly slow: SlowStats;
}

/** Every resource of the cloud with its live counters (cheap: in-memory stats and one COUNT per queue). */
export function buildOverview(sources: OverviewSources): Overview {
  const { services, stacks, slow } = sources;
  const owner = stackOf(stacks);
  const withStack = <T extends object>(view: T, stack: string | undefined): T => (stack === undefined ? view : { ...view, stack });
  return {
    at: Date.now(),
    stacks: stacks.map(({ name, kind }) => ({ name, kind })),
    functions: services.runner.list().map((name) => withStack(functionView(sources, name), owner('functions', name))),
    queues: queueViews(services).map((view) => withStack(view, owner('queues', view.name))),
    tables: [...slow.tables].map(([name, table]) => withStack(tableView(sources, name, table), owner('tables', name))),
    rules: ruleViews(sources).map((view) => withStack(view, owner('rules', `${view.bus}/${view.name}`))),
    pipes: stacks.flatMap(pipeViews),
    eventSourceMappings: stacks.flatMap(mappingViews),
    buckets: slow.buckets.map((bucket) => withStack({ name: bucket.name, objects: bucket.objects }, owner('buckets', bucket.name))),
    kinesisStreams: stacks.flatMap((stack) =>
      stack.kinesisStreams.map((name) => {
        const position = sources.metrics.streamPosition(participant.kinesis(name));
        return { name, stack: stack.name, ...(position && { lastReadAt: position.at, lastSequenceNumber: position.sequenceNumber }) };
      }),
    ),
    buses: services.eventBridge.listBuses().map((name) => withStack({ name }, owner('buses', name))),
    faults: services.runner.faults.list(),
  };
}

function functionView({ services, metrics }: OverviewSources, name: string): FunctionView {
  const stats = services.runner.stats(name);
  const fault = services.runner.faults.get(name);
  return {
    name,
    invocations: stats.invocations,
    errors: stats.errors,
    timeouts: stats.timeouts,
    throttles: stats.throttles,
    running: stats.running,
    concurrency: services.runner.concurrency(name),
    warmWorkers: stats.warmWorkers,
    ...metrics.percentiles(name),
    ...(fault && { fault }),
  };
}

function queueViews(services: CloudServices): QueueView[] {
  const { sqs } = services;
  const names = sqs.listQueues();
  const stats = new Map(names.map((name) => [name, sqs.stats(name)]));
  // Redrive policies from the cached queue list (no counting): each DLQ's sources, each source's DLQ.
  const sources = new Map(names.map((name) => [name, sqs.deadLetterSourceQueues(name)]));
  const targets = new Map([...sources].flatMap(([dlq, from]) => from.map((source) => [source, dlq] as const)));
  return names.map((name) => {
    const deadLetterQueue = targets.get(name);
    const deadLetterSources = sources.get(name) ?? [];
    const task = deadLetterSources.length > 0 ? sqs.listMessageMoveTasks(sqs.queueArn(name))[0] : undefined;
    return {
      name,
      ...stats.get(name)!,
      ...(deadLetterQueue && { deadLetterQueue, deadLetterDepth: stats.get(deadLetterQueue)?.visible ?? 0 }),
      deadLetterSources,
      ...(task && { redrive: { status: task.status, moved: task.moved, toMove: task.toMove, ...(task.failureReason && { failureReason: task.failureReason }) } }),
    };
  });
}

function tableView({ services, metrics, stacks }: OverviewSources, name: string, table: TableStats): TableView {
  const position = metrics.streamPosition(participant.table(name));
  const consumers: TableView['consumers'][number][] = [];
  const checkpointOf = (consumerId: string) => highest(services.checkpoints.positions(consumerId).map((p) => p.checkpoint.sequenceNumber));
  for (const stack of stacks) {
    for (const { pipe, plan } of stack.pipes) {
      if (plan?.source.kind === 'dynamodb' && plan.source.tableName === name) consumers.push(withCheckpoint(`pipe ${pipe.name}`, checkpointOf(`pipe:${pipe.name}`)));
    }
    for (const source of stack.eventSources) {
      const info = source.describe();
      if (info.kind === 'dynamodb' && participantOfArn(info.eventSourceArn) === participant.table(name)) {
        consumers.push(withCheckpoint(`function ${info.functionName}`, checkpointOf(`esm:${info.functionName}:${info.eventSourceArn}`)));
      }
    }
  }
  return {
    name,
    ...(table.items !== undefined && { items: table.items }),
    ...(table.streamArn && { streamArn: table.streamArn }),
    ...(position && { lastReadAt: position.at, ...(position.sequenceNumber && { lastSequenceNumber: position.sequenceNumber }) }),
    consumers,
  };
}

function withCheckpoint(name: string, checkpoint: string | undefined): TableView['consumers'][number] {
  return checkpoint === undefined ? { name } : { name, checkpoint };
}

/** Sequence numbers are decimal strings: longer is larger. */
function highest(sequences: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const sequence of sequences) {
    if (sequence !== undefined && (best === undefined || sequence.length > best.length || (sequence.length === best.length && sequence > best))) best = sequence;
  }
  return best;
}

function ruleViews({ services, metrics }: OverviewSources): RuleView[] {
  const { eventBridge } = services;
  return eventBridge.listBuses().flatMap((bus) =>
    eventBridge.listRules(bus).map((rule) => ({
      name: rule.name,
      bus,
      state: rule.state,
      matches: metrics.ruleMatches(rule.name),
      targets: rule.targets.map((target) => participantOfArn(target.arn)),
      ...(rule.scheduleExpression !== undefined && { scheduleExpression: rule.scheduleExpression }),
    })),
  );
}

function pipeViews(stack: StackInventory): PipeView[] {
  return stack.pipes.map(({ pipe, plan }) => ({
    name: pipe.name,
    stack: stack.name,
    ...(plan && { source: pipeSource(plan.source), target: pipeTarget(plan.target) }),
    ...pipe.stats(),
  }));
}

function pipeSource(source: NonNullable<StackInventory['pipes'][number]['plan']>['source']): string {
  if (source.kind === 'dynamodb') return participant.table(source.tableName);
  return source.kind === 'kinesis' ? participant.kinesis(source.streamName) : participant.queue(source.queueName);
}

function pipeTarget(target: NonNullable<StackInventory['pipes'][number]['plan']>['target']): string {
  switch (target.kind) {
    case 'bus':
      return participant.bus(target.busName);
    case 'sqs':
      return participant.queue(target.queueName);
    case 'lambda':
      return participant.fn(target.functionName);
    case 'kinesis':
      return participant.kinesis(target.streamName);
  }
}

function mappingViews(stack: StackInventory): MappingView[] {
  return stack.eventSources.map((source) => {
    const { uuid, functionName, eventSourceArn, kind, state, batchSize, stats } = source.describe();
    return { uuid, stack: stack.name, functionName, source: participantOfArn(eventSourceArn), kind, state, batchSize, ...stats };
  });
}
