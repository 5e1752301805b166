/**
 * `npm run load:service-limits -- [--rate 200] [--duration 20] [--url <base>] [--max-in-flight N] [--json]`:
 * the reference's k6 constant-rate test against the service-limits API (see LOAD_USAGE).
 */
import { loadEnvFile } from '../../../platform/env-file.ts';
import { LOAD_USAGE, LoadOptionsError, parseLoadOptions } from './options.ts';
import { formatReport } from './report.ts';
import { runLoadTest } from './run.ts';

async function main(argv: string[]): Promise<number> {
  loadEnvFile();
  const options = parseLoadOptions(argv, process.env);
  if (options === 'help') {
    process.stdout.write(`${LOAD_USAGE}\n`);
    return 0;
  }
  const report = await runLoadTest(options, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
  return report.passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const oneLine = error instanceof LoadOptionsError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    console.error(`load:service-limits: ${oneLine ? (error as Error).message : error instanceof Error && error.message.includes('fetch failed') ? `cannot reach the API (${error.message}); is the local cloud running (npm start)?` : String(error instanceof Error ? (error.stack ?? error.message) : error)}`);
    process.exit(1);
  },
);
