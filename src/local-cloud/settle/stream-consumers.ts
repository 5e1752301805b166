import type { DeployedStack } from '../deploy/deploy-stack.ts';

/** A reader of a DynamoDB or Kinesis stream inside the cloud, and where its checkpoints are kept. */
export interface StreamConsumer {
  /** `pipe orders-events`, `function orders-worker`. */
  readonly label: string;
  readonly consumerId: string;
  readonly stream: { readonly kind: 'dynamodb'; readonly streamArn: string; readonly name: string } | { readonly kind: 'kinesis'; readonly name: string };
}

/**
 * The enabled stream consumers (event source mappings and pipes) of the deployed stacks, with the
 * checkpoint ids they read under — those of lambda/esm/stream-mapping.ts and
 * pipes/sources/create.ts. The one place `settled()` learns who reads which stream: re-point it
 * here if readers are shared or renamed.
 */
export function streamConsumers(stacks: readonly DeployedStack[]): StreamConsumer[] {
  const consumers: StreamConsumer[] = [];
  for (const stack of stacks) {
    const tableStreams = new Map([...stack.tables.values()].map((table) => [table.name, table.streamArn]));
    for (const plan of stack.compute.pipes) {
      const label = `pipe ${plan.name}`;
      const source = plan.source;
      if (source.kind === 'dynamodb') {
        const streamArn = tableStreams.get(source.tableName);
        if (streamArn) consumers.push({ label, consumerId: `pipe:${plan.name}`, stream: { kind: 'dynamodb', streamArn, name: source.tableName } });
      } else if (source.kind === 'kinesis') {
        const stream = stack.kinesisStreams.get(source.streamName);
        if (stream) consumers.push({ label, consumerId: `pipe:${plan.name}:${stream.streamArn}`, stream: { kind: 'kinesis', name: source.streamName } });
      }
    }
    for (const source of stack.eventSources) {
      const info = source.describe();
      if (info.state !== 'Enabled' || info.kind === 'sqs') continue;
      const consumerId = `esm:${info.functionName}:${info.eventSourceArn}`;
      const label = `function ${info.functionName}`;
      if (info.kind === 'dynamodb') consumers.push({ label, consumerId, stream: { kind: 'dynamodb', streamArn: info.eventSourceArn, name: tableOfStream(info.eventSourceArn) } });
      else consumers.push({ label, consumerId, stream: { kind: 'kinesis', name: info.eventSourceArn.split(':stream/')[1] ?? info.eventSourceArn } });
    }
  }
  return consumers;
}

/** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` → `<name>`. */
function tableOfStream(streamArn: string): string {
  return /:table\/([^/]+)\/stream\//.exec(streamArn)?.[1] ?? streamArn;
}
