import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { Pipe } from './pipes/pipe.ts';
import type { CloudServices } from './services.ts';

export interface Snapshot {
  tables: string[];
  queues: { name: string; visible: number; inFlight: number; delayed: number; deadLetterQueue?: string }[];
  buckets: { name: string; objects: number }[];
  rules: { bus: string; name: string; state: string; eventPattern?: string; scheduleExpression?: string; targets: string[] }[];
  functions: { name: string; invocations: number; errors: number; timeouts: number; running: number; warmWorkers: number }[];
  pipes: { name: string; delivered: number; filteredOut: number }[];
  recentEvents: { bus: string; id: string; source: string; detailType: string; time: string; matchedRules: readonly string[] }[];
}

/** What the inspector shows: tables, queue depths with DLQs, buckets with object counts, rules, function counters, pipes, recent events. */
export async function inspect(services: CloudServices, stacks: readonly { readonly pipes: readonly Pipe[] }[]): Promise<Snapshot> {
  const { TableNames = [] } = await services.dynamodb.send(new ListTablesCommand({}));
  const queues = services.sqs.listQueues().map((name) => {
    const redrive = services.sqs.getQueueAttributes(name).RedrivePolicy;
    const deadLetterQueue = redrive ? (JSON.parse(redrive) as { deadLetterTargetArn: string }).deadLetterTargetArn.split(':').pop() : undefined;
    return { name, ...services.sqs.stats(name), ...(deadLetterQueue && { deadLetterQueue }) };
  });
  const rules = services.eventBridge.listBuses().flatMap((bus) =>
    services.eventBridge.listRules(bus).map((rule) => ({
      bus,
      name: rule.name,
      state: rule.state,
      ...(rule.eventPattern !== undefined && { eventPattern: rule.eventPattern }),
      ...(rule.scheduleExpression !== undefined && { scheduleExpression: rule.scheduleExpression }),
      targets: rule.targets.map((t) => t.arn),
    })),
  );
  const functions = services.runner.list().map((name) => {
    const stats = services.runner.stats(name);
    return { name, invocations: stats.invocations, errors: stats.errors, timeouts: stats.timeouts, running: stats.running, warmWorkers: stats.warmWorkers };
  });
  const pipes = stacks.flatMap((stack) => stack.pipes.map((pipe) => ({ name: pipe.name, ...pipe.stats() })));
  const recentEvents = services.eventBridge
    .recentEvents()
    .slice(-50)
    .map(({ bus, event, matchedRules }) => ({ bus, id: event.id, source: event.source, detailType: event['detail-type'], time: event.time, matchedRules }));
  const buckets = await services.s3.listBuckets();
  return { tables: TableNames, queues, buckets, rules, functions, pipes, recentEvents };
}

/** Every recent event whose JSON mentions `key` (an orderId, a sku, ...), oldest first. */
export function traceKey(services: CloudServices, key: string): { key: string; events: unknown[] } {
  const events = services.eventBridge
    .recentEvents()
    .filter(({ event }) => JSON.stringify(event).includes(key))
    .map(({ bus, event, matchedRules }) => ({ bus, matchedRules, event }));
  return { key, events };
}
