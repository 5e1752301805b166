/** `npm run enrichment:watch -- <requestId> [--url <base>]`: a progress bar until the request completes or fails (exit 1). */
import { parseArgs } from 'node:util';
import { apiBaseUrl, runScript, ScriptError } from './cli.ts';
import { EnrichmentClient } from './client.ts';
import { reportOutcome, watchRequest } from './watch-request.ts';

runScript('enrichment:watch', async (argv) => {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { url: { type: 'string' } } });
  if (positionals.length !== 1) throw new ScriptError('usage: npm run enrichment:watch -- <requestId> [--url <base>]');
  const api = new EnrichmentClient(apiBaseUrl(values.url));
  return reportOutcome(await watchRequest(api, positionals[0]!));
});
