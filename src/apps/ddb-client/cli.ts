import { loadEnvFile } from '../../platform/env-file.ts';
import { DDB_CLIENT_USAGE, parseDdbClientArgs } from './config.ts';
import { runDdbClient } from './run.ts';

/**
 * `npm run ddb-client` / `eventloom ddb-client`: loads `.env` (set variables win), parses flags over
 * the environment, runs until done or SIGINT/SIGTERM (which finish the running operation, print
 * the summary and exit 0; a second signal exits at once).
 */
export async function ddbClientCommand(argv: string[]): Promise<void> {
  loadEnvFile();
  const parsed = parseDdbClientArgs(argv, process.env);
  if (parsed.help) return void process.stdout.write(`${DDB_CLIENT_USAGE}\n`);
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) process.exit(130);
    if (!parsed.config.json) process.stdout.write(`\n${signal}: finishing the running operation…\n`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await runDdbClient(parsed.config, { signal: stop.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
