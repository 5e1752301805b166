import type { InputLogEvent, RejectedLogEventsInfo } from '@aws-sdk/client-cloudwatch-logs';
import { constraintViolation, invalidParameter } from './errors.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_EVENTS = 10_000;

export interface AcceptedEvent {
  readonly timestamp: number;
  readonly message: string;
}

/**
 * PutLogEvents' rules: 1–10,000 events in chronological order spanning at most 24 hours. Events more
 * than 2 hours ahead, more than 14 days old or older than `maxAgeMs` (the group's retention) are not
 * stored but reported in `rejectedLogEventsInfo`, as AWS does, while the rest of the batch is accepted.
 */
export function validateBatch(events: readonly InputLogEvent[], now: number, maxAgeMs: number): { accepted: AcceptedEvent[]; rejected?: RejectedLogEventsInfo } {
  if (events.length < 1 || events.length > MAX_EVENTS) {
    throw constraintViolation('logEvents', `[${events.length} events]`, `Member must have length ${events.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_EVENTS}`}`);
  }
  events.forEach((event, index) => {
    if (!Number.isSafeInteger(event.timestamp)) throw constraintViolation(`logEvents.${index + 1}.member.timestamp`, event.timestamp, 'Member must not be null');
    if (typeof event.message !== 'string' || event.message.length === 0) {
      throw constraintViolation(`logEvents.${index + 1}.member.message`, event.message, 'Member must have length greater than or equal to 1');
    }
    if (index > 0 && event.timestamp! < events[index - 1]!.timestamp!) throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
  });
  if (events.at(-1)!.timestamp! - events[0]!.timestamp! > DAY_MS) throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');

  const oldest = now - Math.min(14 * DAY_MS, maxAgeMs);
  const accepted: AcceptedEvent[] = [];
  let tooOldEnd: number | undefined;
  let tooNewStart: number | undefined;
  events.forEach((event, index) => {
    const timestamp = event.timestamp!;
    if (timestamp < oldest) tooOldEnd = index;
    else if (timestamp > now + 2 * HOUR_MS) tooNewStart ??= index;
    else accepted.push({ timestamp, message: event.message! });
  });
  if (tooOldEnd === undefined && tooNewStart === undefined) return { accepted };
  return {
    accepted,
    rejected: { ...(tooOldEnd !== undefined && { tooOldLogEventEndIndex: tooOldEnd }), ...(tooNewStart !== undefined && { tooNewLogEventStartIndex: tooNewStart }) },
  };
}
