import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventBridgeService } from '../../eventbridge/bus.ts';
import type { PipeTargetDefinition } from '../definition.ts';
import { PipeDeliveryError } from '../errors.ts';
import { dynamicParameter } from '../json-path.ts';
import type { LocalTarget, TargetEvent } from './target.ts';

/** PutEvents takes at most 10 entries. */
const MAX_ENTRIES = 10;

export interface BusTargetOptions {
  readonly bus: EventBridgeService;
  readonly pipeName: string;
  /** The source's `eventSource` (`aws:sqs` …), which names the default detail-type. */
  readonly eventSource: string;
}

/**
 * An event bus: each event becomes an entry with the event (or the rendered template) as `detail`,
 * `source` `Pipe <name>` and detail-type `Event from <eventSource>` unless the target parameters
 * say otherwise. A rejected entry (malformed or oversized detail) fails the whole batch.
 */
export function busTarget(target: Extract<PipeTargetDefinition, { kind: 'bus' }>, options: BusTargetOptions): LocalTarget {
  const { bus, pipeName, eventSource } = options;
  const entry = (event: TargetEvent): PutEventsRequestEntry => ({
    EventBusName: target.busName,
    Source: target.source === undefined ? `Pipe ${pipeName}` : dynamicParameter(target.source, event.decoded),
    DetailType: target.detailType === undefined ? `Event from ${eventSource}` : dynamicParameter(target.detailType, event.decoded),
    Detail: event.text,
    Resources: [...(target.resources ?? [])],
    ...(target.time !== undefined && time(dynamicParameter(target.time, event.decoded))),
  });
  return {
    kind: 'local',
    arn: bus.busArn(target.busName),
    stage(events) {
      const entries = events.map(entry);
      const commits: (() => void)[] = [];
      for (let i = 0; i < entries.length; i += MAX_ENTRIES) {
        const { result, commit } = bus.stageEvents(entries.slice(i, i + MAX_ENTRIES));
        const failed = result.Entries.find((e) => e.ErrorCode);
        if (failed) throw new PipeDeliveryError('target', `${failed.ErrorCode}: ${failed.ErrorMessage}`);
        commits.push(commit);
      }
      return () => {
        for (const commit of commits) commit();
      };
    },
  };
}

/** An RFC 3339 `Time`; one that does not parse leaves the time of the PutEvents. */
function time(value: string): { Time?: Date } {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? {} : { Time: date };
}
