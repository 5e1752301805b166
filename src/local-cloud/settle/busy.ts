/**
 * What part of the cloud is still working, one line per thing, naming it, e.g.
 * `queue orders-payments: 2 in flight` or `stream orders (pipe orders-events): unread records`.
 * An empty list: that part is quiet.
 */
export type BusyList = readonly string[];

/** A part of the local cloud that can say what of it is still busy (SQS, the outbox, the runner, stream consumers). */
export interface BusyReporter {
  busy(): BusyList | Promise<BusyList>;
}

/** `2 in flight`, `1 invocation running`: a count with its noun, singular or plural. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
