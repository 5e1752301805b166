import { resolve } from 'node:path';
import { loadEnvFile } from '../../../platform/env-file.ts';

/** An error whose message is the whole story: printed on one line, exit code 1. */
export class ScriptError extends Error {
  override readonly name = 'ScriptError';
}

/** The API base URL: `--url`, else `ENRICHMENT_API_BASE_URL` from the environment or `.env` (written by `npm start`). */
export function apiBaseUrl(url: string | undefined): string {
  if (url) return url.replace(/\/$/, '');
  loadEnvFile();
  const fromEnv = process.env.ENRICHMENT_API_BASE_URL;
  if (!fromEnv) throw new ScriptError('ENRICHMENT_API_BASE_URL is not set: start the local cloud with `npm start` (it writes .env), or pass --url <base>.');
  return fromEnv.replace(/\/$/, '');
}

/** `--timeout <s>` in milliseconds (undefined when absent); anything but a non-negative number is a usage error. */
export function timeoutMs(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new ScriptError(`--timeout must be a number of seconds, got "${raw}".`);
  return seconds * 1000;
}

/** A path as the user typed it: `npm run` starts scripts in the project root, INIT_CWD is where the user was. */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Runs a script's main, exiting with its code; expected errors print one line naming the fix. */
export function runScript(name: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const expected = error instanceof ScriptError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
      if (expected) console.error(`${name}: ${message}`);
      else if (message.includes('fetch failed')) console.error(`${name}: cannot reach the enrichment API (${message}); is the local cloud running (npm start)?`);
      else console.error(`${name}:`, error);
      process.exit(1);
    },
  );
}
