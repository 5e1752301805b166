import { z } from 'zod';
import { publishEvent } from '../../../../platform/event-store.ts';
import type { StoreDeps } from '../../shared/deps.ts';

const nonBlank = () => z.string().refine((value) => value.trim().length > 0, { message: 'must not be blank' });

/** Strict (an unknown key is a 400); `eventData` is required, any JSON (the README's contract). */
export const simulateRawEventSchema = z.strictObject({
  pk: nonBlank(),
  sk: nonBlank(),
  eventName: nonBlank(),
  eventData: z.unknown().refine((value) => value !== undefined, { message: 'is required (any JSON value)' }),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
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
