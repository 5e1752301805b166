import type { TargetConfig } from '../delivery/target.ts';

export type { TargetConfig } from '../delivery/target.ts';

/** The envelope EventBridge delivers to targets. */
export interface EventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

export interface RuleConfig {
  readonly name: string;
  readonly busName: string;
  /** Pattern as JSON text (as the API stores it); a scheduled rule may have none. */
  readonly eventPattern?: string;
  /** `rate(…)` or `cron(…)` (UTC), default bus only: the rule fires AWS's `Scheduled Event`. */
  readonly scheduleExpression?: string;
  /** The stack that deployed the rule: a later deploy of it removes the rule once no longer declared. */
  readonly managedBy?: string;
  readonly description?: string;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly targets: readonly TargetConfig[];
}

/** AWS: an entry is at most 256 KB, measured as 14 if Time is given + UTF-8 bytes of Source, DetailType, Detail, Resources. */
export const MAX_ENTRY_BYTES = 256 * 1024;

export function entrySize(entry: { Time?: Date; Source?: string; DetailType?: string; Detail?: string; Resources?: readonly string[] }): number {
  let size = entry.Time !== undefined ? 14 : 0;
  if (entry.Source) size += Buffer.byteLength(entry.Source);
  if (entry.DetailType) size += Buffer.byteLength(entry.DetailType);
  if (entry.Detail) size += Buffer.byteLength(entry.Detail);
  for (const resource of entry.Resources ?? []) size += Buffer.byteLength(resource);
  return size;
}
