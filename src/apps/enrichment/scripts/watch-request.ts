import { ScriptError } from './cli.ts';
import type { EnrichmentClient, RequestView } from './client.ts';
import { progressLine } from './progress.ts';

export interface WatchOptions {
  /** Default 500 ms. */
  intervalMs?: number;
  /** Where the progress goes. Default stderr, redrawn in place on a terminal. */
  output?: NodeJS.WriteStream;
  /** Gives up (ScriptError) when the request is still processing this long after the start. Default: never. */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Follows a request until it leaves `processing`, drawing a progress bar; returns its final view.
 * Verifies nothing about the output: it only reports what the status record says.
 */
export async function watchRequest(api: Pick<EnrichmentClient, 'get'>, requestId: string, options: WatchOptions = {}): Promise<RequestView> {
  const { intervalMs = 500, output = process.stderr, timeoutMs, now = Date.now } = options;
  const deadline = timeoutMs === undefined ? Infinity : now() + timeoutMs;
  let previous = '';
  for (;;) {
    const answer = await api.get(requestId);
    if (answer.status === 404) throw new ScriptError(`no request ${requestId}`);
    if (answer.status !== 200) throw new ScriptError(`GET /enrichment/${requestId} answered ${answer.status}${errorMessage(answer.body)}`);
    const view = answer.body;
    const line = progressLine(view, Date.now());
    if (output.isTTY) output.write(`\r${line}`);
    else if (line.split('batches')[0] !== previous.split('batches')[0] || view.status !== 'processing') output.write(`${line}\n`);
    previous = line;
    if (view.status !== 'processing') {
      if (output.isTTY) output.write('\n');
      return view;
    }
    if (now() >= deadline) {
      if (output.isTTY) output.write('\n');
      throw new ScriptError(`request ${requestId} is still processing after ${timeoutMs! / 1000} s (${view.processedBatches}/${view.totalBatches} batches)`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Prints the outcome on stdout; the exit code is 1 for a failed request. */
export function reportOutcome(view: RequestView): number {
  if (view.status === 'completed') {
    process.stdout.write(`completed: ${view.contactCount.toLocaleString('en-US')} contacts in ${view.totalBatches} batches\ndownload: ${view.outputFileKey}\n`);
    return 0;
  }
  process.stdout.write(`failed: ${view.processedBatches}/${view.totalBatches} batches were processed (see the dead-letter queue)\n`);
  return 1;
}

/** `: <message>` of an error answer's body, if it has one. */
function errorMessage(body: unknown): string {
  const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : typeof body === 'string' ? body : '';
  return message === '' ? '' : `: ${message.split('\n')[0]}`;
}
