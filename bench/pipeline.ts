import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startLocalCloud } from '../src/local-cloud/cloud.ts';
import { silentLogger } from '../src/platform/log.ts';
import { defineApp } from '../src/platform/topology/define.ts';
import { formatCpuPerItem, putItem, withBaseline } from './baseline.ts';
import { cpuMeter, perItem } from './cpu.ts';
import { latencySummary, runPool } from './stats.ts';

const benchApp = defineApp({
  name: 'bench',
  tables: { events: { partitionKey: { name: 'pk', type: 'S' }, stream: 'NEW_IMAGE' } },
  buses: { bus: {} },
  pipes: { events: { sourceTable: 'events', source: { startingPosition: 'TRIM_HORIZON', batchSize: 10 }, target: { bus: 'bus', source: 'bench', detailType: 'ItemWritten' } } },
  queues: { work: { visibilityTimeoutSeconds: 30 } },
  rules: { written: { bus: 'bus', eventPattern: { source: ['bench'] }, targets: [{ queue: 'work' }] } },
  functions: {
    noop: {
      handler: 'bench/noop-handler.ts#handler',
      timeoutSeconds: 10,
      triggers: [{ type: 'sqs', queue: 'work', batchSize: 10, maximumConcurrency: 4 }],
    },
  },
});

export interface PipelineBenchOptions {
  /** Writes per phase (and for the raw PutItem baseline). */
  items: number;
  /** Writes in flight. */
  concurrency: number;
  /** Items/s of the paced phase, for `seconds`. */
  rate: number;
  seconds: number;
}

/**
 * Measures, in one run on one in-memory DynamoDB Local: raw PutItem/s (the ceiling); the same writes
 * with the pipeline running (events/s delivered, PutItem → handler start latency through stream →
 * pipe → bus → rule → SQS → Lambda with a no-op handler, ratio to raw); latency at a steady rate.
 */
export async function benchPipeline({ items, concurrency, rate, seconds }: PipelineBenchOptions): Promise<void> {
  await withBaseline(items, concurrency, async ({ endpoint, client, putsPerSecond: raw, jvmPid, cpuPerPut }) => {
    const cloud = await startLocalCloud({ apps: [benchApp], port: 0, dynamoDbEndpoint: endpoint, logger: silentLogger });
    const probe = new DeliveryProbe();
    try {
      await probe.run(items, (i) => runPool(items, concurrency, (n) => probe.put(client, `warm-${i}-${n}`)).then(() => undefined), 'warm-up');
      const cpu = cpuMeter(jvmPid);
      const saturated = await probe.run(items, () => runPool(items, concurrency, (n) => probe.put(client, `max-${n}`)), 'saturation');
      const used = cpu.stop();
      console.log(`pipeline at saturation:            ${saturated.eventsPerSecond.toFixed(0)} events/s delivered while writing ${saturated.writeRate.toFixed(0)} items/s`);
      console.log(`  latency PutItem → handler start: ${saturated.summary}`);
      console.log(`  ratio pipeline / raw PutItem:    ${(saturated.eventsPerSecond / raw).toFixed(2)}`);
      // Both cores busy: the ratio follows the CPU an event costs beside the CPU a raw PutItem costs.
      console.log(`  CPU per event:                   ${formatCpuPerItem(perItem(used, items))}  (raw PutItem: ${formatCpuPerItem(cpuPerPut)}; the writer is part of node's)`);
      const count = Math.round(rate * seconds);
      const paced = await probe.run(count, () => paceWrites(count, rate, (n) => probe.put(client, `paced-${n}`)), 'paced');
      console.log(`pipeline at a steady ${rate} items/s: latency PutItem → handler start ${paced.summary}  (${count} events)`);
    } finally {
      probe.close();
      await cloud.stop();
    }
  });
}

/** Tracks each written item until the no-op handler reports, over a BroadcastChannel, that it started on it. */
class DeliveryProbe {
  private readonly channel = new BroadcastChannel('eventloom-bench');
  private readonly writtenAt = new Map<string, number>();
  private latencies: number[] = [];
  private lastStart = 0;
  private onDelivery: () => void = () => undefined;

  constructor() {
    this.channel.onmessage = (message: MessageEvent) => {
      const data = message.data as { ids: string[]; startedAt: number };
      for (const id of data.ids) {
        const at = this.writtenAt.get(id);
        if (at === undefined) continue;
        this.writtenAt.delete(id);
        this.latencies.push(data.startedAt - at);
      }
      this.lastStart = Math.max(this.lastStart, data.startedAt);
      this.onDelivery();
    };
  }

  async put(client: DynamoDBClient, id: string): Promise<void> {
    this.writtenAt.set(id, Date.now());
    await putItem(client, 'bench-events', id);
  }

  async run(count: number, write: (i: number) => Promise<unknown>, phase: string) {
    this.latencies = [];
    const delivered = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${phase}: only ${this.latencies.length}/${count} events arrived within 120 s`)), 120_000);
      this.onDelivery = () => {
        if (this.latencies.length < count) return;
        clearTimeout(timer);
        resolve();
      };
    });
    const started = Date.now();
    await write(0);
    const writeRate = count / ((Date.now() - started) / 1000);
    await delivered;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      writeRate,
      eventsPerSecond: count / ((this.lastStart - started) / 1000),
      summary: latencySummary(sorted),
    };
  }

  close(): void {
    this.channel.close();
  }
}

/** Starts write n at n / rate seconds, whether or not earlier writes finished (an open model). */
async function paceWrites(count: number, rate: number, write: (n: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let n = 0; n < count; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(write(n));
  }
  await Promise.all(inFlight);
}
