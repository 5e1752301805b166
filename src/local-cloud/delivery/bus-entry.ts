import type { PendingDelivery } from './outbox.ts';

/**
 * The PutEvents entry for a delivery to an event bus: a schedule's input becomes the detail of an
 * event with its EventBridgeParameters; a rule's target forwards the event it matched.
 */
export function busEntry(delivery: PendingDelivery) {
  const { target } = delivery;
  if (target.eventBridgeParameters) {
    return {
      EventBusName: target.arn,
      Source: target.eventBridgeParameters.source,
      DetailType: target.eventBridgeParameters.detailType,
      Detail: delivery.input,
      Resources: [delivery.ruleArn],
    };
  }
  const event = JSON.parse(delivery.input) as { source?: unknown; 'detail-type'?: unknown; detail?: unknown; resources?: unknown; time?: unknown };
  if (typeof event.source !== 'string' || typeof event['detail-type'] !== 'string') throw new Error('the input to an event bus target is not an EventBridge event');
  return {
    EventBusName: target.arn,
    Source: event.source,
    DetailType: event['detail-type'],
    Detail: JSON.stringify(event.detail ?? {}),
    Resources: Array.isArray(event.resources) ? event.resources.filter((r): r is string => typeof r === 'string') : [],
    ...(typeof event.time === 'string' && { Time: new Date(event.time) }),
  };
}
