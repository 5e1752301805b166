/**
 * `npm run enrichment:watch -- <requestId> [--timeout <s>] [--url <base>]`: a progress bar until the request completes
 * or fails (exit 1); with --timeout, a request still processing after that many seconds also ends it (exit 1).
 */
import { parseArgs } from 'node:util';
import { apiBaseUrl, runScript, ScriptError, timeoutMs } from './cli.ts';
import { EnrichmentClient } from './client.ts';
import { reportOutcome, watchRequest } from './watch-request.ts';

runScript('enrichment:watch', async (argv) => {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { url: { type: 'string' }, timeout: { type: 'string' } } });
  if (positionals.length !== 1) throw new ScriptError('usage: npm run enrichment:watch -- <requestId> [--timeout <s>] [--url <base>]');
  const timeout = timeoutMs(values.timeout);
  const api = new EnrichmentClient(apiBaseUrl(values.url));
  return reportOutcome(await watchRequest(api, positionals[0]!, { ...(timeout !== undefined && { timeoutMs: timeout }) }));
});
