import { participant, type ActivityFeed } from '../activity/index.ts';
import type { EventEnvelope } from './models.ts';

/** One `rule-match` step per rule an event matched (once the event is committed), the event kept for tracing. */
export function reportMatches(activity: ActivityFeed, bus: string, event: EventEnvelope, rules: readonly string[]): void {
  for (const rule of rules) activity.report({ kind: 'rule-match', from: participant.bus(bus), to: participant.rule(rule), note: event['detail-type'], payload: event });
}
