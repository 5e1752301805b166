import type { RequestView } from './client.ts';

const BAR_WIDTH = 30;

/**
 * One progress line: a bar of processed/total batches, contacts/s and elapsed time since the
 * request was created, e.g. `[##########--------------------]  34/101 batches  1,700 contacts/s  2.0 s  processing`.
 */
export function progressLine(view: RequestView, nowMs: number): string {
  const { totalBatches: total, processedBatches: done } = view;
  const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
  const elapsedSeconds = Math.max(0, (nowMs - Date.parse(view.createdAt)) / 1000);
  // Every batch but the last holds 100 contacts.
  const contactsDone = done >= total ? view.contactCount : done * 100;
  const rate = elapsedSeconds > 0 ? Math.round(contactsDone / elapsedSeconds) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(done).padStart(String(total).length)}/${total} batches  ${rate.toLocaleString('en-US')} contacts/s  ${elapsedSeconds.toFixed(1)} s  ${view.status}`;
}
