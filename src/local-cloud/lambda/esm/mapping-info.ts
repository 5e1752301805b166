import { stableUuid } from '../../cloudformation/stack-id.ts';
import type { EventSourceStats } from './sqs-poller.ts';

/** An event source mapping as the dashboard lists it (the fields of Lambda's `EventSourceMappingConfiguration` it needs). */
export interface EventSourceMappingInfo {
  /** Stable across restarts: derived from the function and the source ARN. */
  readonly uuid: string;
  readonly functionName: string;
  readonly eventSourceArn: string;
  readonly kind: 'sqs' | 'dynamodb' | 'kinesis';
  /** `Disabled` when declared disabled or paused. */
  readonly state: 'Enabled' | 'Disabled';
  readonly batchSize: number;
  readonly stats: EventSourceStats;
}

/** What the dashboard pauses and resumes. */
export interface PausableEventSource {
  describe(): EventSourceMappingInfo;
  /** Stops taking new batches; a batch already taken finishes. Nothing is lost: records and messages stay in their source. */
  pause(): void;
  /** Takes batches again (starts a mapping declared disabled). */
  resume(): Promise<void>;
}

export function mappingUuid(functionName: string, eventSourceArn: string): string {
  return stableUuid(`esm/${functionName}/${eventSourceArn}`);
}
