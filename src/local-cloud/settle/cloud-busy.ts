import type { DeployedStack } from '../deploy/deploy-stack.ts';
import type { CloudServices } from '../services.ts';
import type { BusyList, BusyReporter } from './busy.ts';
import { streamConsumers, type StreamConsumer } from './stream-consumers.ts';
import { unreadDynamoDbRecords, unreadKinesisRecords } from './unread-records.ts';

/**
 * What `settled()` asks: queues something in the cloud consumes, stream consumers with unread
 * records, the delivery outbox (rule targets, asynchronous invocations) and running invocations.
 * `stacks` is read at each check, so stacks deployed later are included.
 */
export function cloudBusyReporters(services: CloudServices, stacks: () => readonly DeployedStack[]): BusyReporter[] {
  return [
    { busy: () => consumedQueuesBusy(services, stacks()) },
    { busy: () => streamConsumersBusy(services, streamConsumers(stacks())) },
    { busy: () => services.dispatcher.busy() },
    { busy: () => services.runner.busy() },
  ];
}

/**
 * Queues an enabled event source mapping or a pipe reads. A queue nothing in the cloud reads holds results
 * (what a test receives itself), not work: waiting for it to drain would never end.
 */
function consumedQueuesBusy(services: CloudServices, stacks: readonly DeployedStack[]): BusyList {
  const consumed = new Set<string>();
  for (const stack of stacks) {
    for (const plan of stack.compute.pipes) if (plan.source.kind === 'sqs') consumed.add(plan.source.queueName);
    for (const source of stack.eventSources) {
      const info = source.describe();
      // A disabled or paused mapping takes nothing: its messages wait for it, they are not work in progress.
      if (info.kind === 'sqs' && info.state === 'Enabled') consumed.add(info.eventSourceArn.split(':').at(-1)!);
    }
  }
  return services.sqs
    .busyQueues()
    .filter(({ queue }) => consumed.has(queue))
    .map(({ queue, visible, inFlight, delayed }) => {
      const counts = [visible && `${visible} visible`, inFlight && `${inFlight} in flight`, delayed && `${delayed} delayed`].filter(Boolean);
      return `queue ${queue}: ${counts.join(', ')}`;
    });
}

async function streamConsumersBusy(services: CloudServices, consumers: readonly StreamConsumer[]): Promise<BusyList> {
  const unread = await Promise.all(
    consumers.map(({ consumerId, stream }) =>
      stream.kind === 'dynamodb'
        ? unreadDynamoDbRecords(services.streams, services.checkpoints, consumerId, stream.streamArn)
        : unreadKinesisRecords(services.kinesis.client, services.checkpoints, consumerId, stream.name),
    ),
  );
  return consumers.flatMap((consumer, i) => (unread[i] ? [`stream ${consumer.stream.name} (${consumer.label}): unread records`] : []));
}
