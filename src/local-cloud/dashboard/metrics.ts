import type { Activity, ActivityFeed } from '../activity/index.ts';

/** Invocations kept per function for its duration percentiles. */
const DURATIONS_KEPT = 500;

/** Where a stream (a table's, a Kinesis stream) was last read. */
export interface StreamPosition {
  readonly sequenceNumber: string | undefined;
  readonly at: number;
}

/**
 * Counters the services do not keep themselves, taken from the activity feed from the cloud's start
 * (whether or not a page is open): per-function durations (p50/p95 over the last 500 invocations),
 * matches per rule, and the last record read from each stream.
 */
export class DashboardMetrics {
  readonly #durations = new Map<string, { values: number[]; next: number }>();
  readonly #ruleMatches = new Map<string, number>();
  readonly #streams = new Map<string, StreamPosition>();
  readonly #stop: () => void;

  constructor(feed: ActivityFeed) {
    this.#stop = feed.listen((activity) => this.#record(activity));
  }

  /** p50 and p95 of the function's recent durations in ms; undefined before its first invocation. */
  percentiles(functionName: string): { p50: number; p95: number } | undefined {
    const kept = this.#durations.get(`function:${functionName}`);
    if (!kept || kept.values.length === 0) return undefined;
    const sorted = [...kept.values].sort((a, b) => a - b);
    const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
    return { p50: at(0.5), p95: at(0.95) };
  }

  ruleMatches(rule: string): number {
    return this.#ruleMatches.get(`rule:${rule}`) ?? 0;
  }

  /** By participant: `table:<name>` or `kinesis:<name>`. */
  streamPosition(participant: string): StreamPosition | undefined {
    return this.#streams.get(participant);
  }

  close(): void {
    this.#stop();
  }

  #record(activity: Activity): void {
    if (activity.kind === 'invocation' && activity.durationMs !== undefined) {
      const kept = this.#durations.get(activity.to) ?? { values: [], next: 0 };
      kept.values[kept.next] = activity.durationMs;
      kept.next = (kept.next + 1) % DURATIONS_KEPT;
      this.#durations.set(activity.to, kept);
    } else if (activity.kind === 'rule-match') {
      this.#ruleMatches.set(activity.to, (this.#ruleMatches.get(activity.to) ?? 0) + 1);
    } else if (activity.kind === 'stream-record') {
      const previous = this.#streams.get(activity.from);
      if (previous && previous.at > activity.at) return;
      this.#streams.set(activity.from, { sequenceNumber: lastSequenceNumber(activity.payload), at: activity.at });
    }
  }
}

/** The sequence number of the last record of a batch, DynamoDB's or Kinesis's. */
function lastSequenceNumber(records: unknown): string | undefined {
  if (!Array.isArray(records)) return undefined;
  const last = records.at(-1) as { dynamodb?: { SequenceNumber?: string }; kinesis?: { sequenceNumber?: string } } | undefined;
  return last?.dynamodb?.SequenceNumber ?? last?.kinesis?.sequenceNumber;
}
