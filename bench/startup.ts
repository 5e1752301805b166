import { apps } from '../src/apps/index.ts';
import { startLocalCloud } from '../src/local-cloud/cloud.ts';
import { startDynamoDbLocal, type DynamoDbLocalOptions } from '../src/local-cloud/dynamodb/process.ts';
import { silentLogger } from '../src/platform/log.ts';

export interface StartupBenchOptions {
  /** Starts of each kind; the median is reported. */
  runs: number;
}

/**
 * Ready time of the local cloud with every built-in app (in memory, what `npm start` waits for),
 * beside the DynamoDB Local JVM's own start, with and without its class-data archive.
 */
export async function benchStartup(options: StartupBenchOptions): Promise<void> {
  // A first run makes the class-data archive if the cache has none; what follows measures the usual start.
  const warmup = await startDynamoDbLocal();
  await warmup.stop();

  const jvm = await times(options.runs, () => jvmStart({}));
  const plainJvm = await times(options.runs, () => jvmStart({ classDataCacheDir: false }));
  const ready = await times(options.runs, async () => {
    const started = performance.now();
    const cloud = await startLocalCloud({ apps, port: 0, logger: silentLogger, onWarning: () => {} });
    const elapsed = performance.now() - started;
    await cloud.stop();
    return elapsed;
  });
  console.log(`cloud ready (${apps.length} apps, in memory)   median ${seconds(median(ready))}  (${ready.map(seconds).join(' ')})`);
  console.log(`DynamoDB Local JVM alone               median ${seconds(median(jvm))}  (${jvm.map(seconds).join(' ')})`);
  console.log(`JVM alone without its class-data archive median ${seconds(median(plainJvm))}  (${plainJvm.map(seconds).join(' ')})`);
}

async function jvmStart(options: DynamoDbLocalOptions): Promise<number> {
  const started = performance.now();
  const ddb = await startDynamoDbLocal(options);
  const elapsed = performance.now() - started;
  await ddb.stop();
  return elapsed;
}

async function times(runs: number, measure: () => Promise<number>): Promise<number[]> {
  const results: number[] = [];
  for (let i = 0; i < runs; i++) results.push(await measure());
  return results;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}
