import { z } from 'zod';
import { publishEvent } from '../../../../platform/event-store.ts';
import { AWS_LIMITS, storableDocument, withinBytes } from '../../../../platform/limits.ts';
import type { StoreDeps } from '../../shared/deps.ts';

const nonBlank = (maxBytes: number) => z.string().refine((value) => value.trim().length > 0, { message: 'must not be blank' }).refine(...withinBytes(maxBytes));

/**
 * What the stored item's stream record may carry: it reaches the bus as one PutEvents entry (256 KB),
 * holding the keys twice and every attribute as DynamoDB JSON, so `eventData` gets half of it and
 * the other attributes a few KB. `eventData` is an attribute of the item: 31 levels below it at most.
 */
export const RAW_EVENT_BOUNDS = { eventDataBytes: AWS_LIMITS.eventEntryBytes / 2, eventDataDepth: AWS_LIMITS.documentDepth - 1, textBytes: 256 } as const;

/** Strict (an unknown key is a 400); `eventData` is required, any JSON the event store can keep and stream (the README's contract). */
export const simulateRawEventSchema = z.strictObject({
  pk: nonBlank(AWS_LIMITS.partitionKeyBytes),
  sk: nonBlank(AWS_LIMITS.sortKeyBytes),
  eventName: nonBlank(RAW_EVENT_BOUNDS.textBytes),
  eventData: storableDocument({ maxDepth: RAW_EVENT_BOUNDS.eventDataDepth, maxBytes: RAW_EVENT_BOUNDS.eventDataBytes }).refine((value) => value !== undefined, {
    message: 'is required (any JSON value)',
  }),
  createdAt: z.string().refine(...withinBytes(RAW_EVENT_BOUNDS.textBytes)).optional(),
  updatedAt: z.string().refine(...withinBytes(RAW_EVENT_BOUNDS.textBytes)).optional(),
});
export type RawEventRequest = z.output<typeof simulateRawEventSchema>;

/**
 * Stores a caller-built event item under the caller's keys (chaos and replay testing, spec §3.6):
 * blank or missing timestamps become now. An existing pk/sk is left as is; the answer is the same.
 */
export async function simulateRawEvent(deps: StoreDeps, request: RawEventRequest): Promise<RawEventRequest> {
  const now = deps.now();
  const { pk, sk, eventName, eventData, createdAt, updatedAt } = request;
  const stamp = (sent: string | undefined) => sent?.trim() || now;
  await publishEvent(deps.client, deps.table, { pk, sk, eventName, eventData, createdAt: stamp(createdAt), updatedAt: stamp(updatedAt) });
  return { pk, sk, eventName, eventData, ...(createdAt !== undefined && { createdAt }), ...(updatedAt !== undefined && { updatedAt }) };
}
