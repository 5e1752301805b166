import { parseArgs } from 'node:util';

export const LOAD_USAGE = `Usage: npm run load:service-limits -- [--rate 200] [--duration 20] [--url <base>] [--max-in-flight 1000] [--limit <n>] [--settle-timeout 120] [--json]

The reference's k6 scenario in Node: a constant arrival rate of iterations (open model), each
creating a service named stress-test-service on one shared account and then deleting it; then waits
for the stream consumers and checks that both counters converge to 0 (and deletes the account).
  --rate            iterations started per second (default 200)
  --duration        seconds of arrivals (default 20)
  --url             the API's base URL (default SERVICE_LIMITS_API_BASE_URL from the environment or .env)
  --max-in-flight   iterations running at once at most; arrivals beyond are dropped and counted (default 1000, k6's maxVUs)
  --limit           set the account's max_number_of_services first (default: the account's 5000); a 409 then counts as limited, not failed
  --settle-timeout  seconds to wait for the counters to converge (default 120)
  --json            print the report as JSON on stdout (progress still goes to stderr)
  -h, --help        this help`;

export interface LoadOptions {
  readonly baseUrl: string;
  readonly rate: number;
  readonly durationSeconds: number;
  readonly maxInFlight: number;
  readonly limit?: number;
  readonly settleTimeoutSeconds: number;
  readonly json: boolean;
}

/** A problem with the command line or the environment, told in one line. */
export class LoadOptionsError extends Error {
  override readonly name = 'LoadOptionsError';
}

/** Flags over the environment over defaults; `help` when asked for. */
export function parseLoadOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LoadOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rate: { type: 'string' },
      duration: { type: 'string' },
      url: { type: 'string' },
      'max-in-flight': { type: 'string' },
      limit: { type: 'string' },
      'settle-timeout': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const baseUrl = values.url ?? env.SERVICE_LIMITS_API_BASE_URL;
  if (!baseUrl) throw new LoadOptionsError('No API URL: pass --url, or start the local cloud with `npm start` (it writes SERVICE_LIMITS_API_BASE_URL to .env).');
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    rate: positive('rate', values.rate, 200),
    durationSeconds: positive('duration', values.duration, 20),
    maxInFlight: Math.floor(positive('max-in-flight', values['max-in-flight'], 1000)),
    ...(values.limit !== undefined && { limit: nonNegativeInteger('limit', values.limit) }),
    settleTimeoutSeconds: positive('settle-timeout', values['settle-timeout'], 120),
    json: values.json,
  };
}

function positive(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new LoadOptionsError(`--${flag} must be a positive number, got "${raw}".`);
  return value;
}

function nonNegativeInteger(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new LoadOptionsError(`--${flag} must be an integer ≥ 0, got "${raw}".`);
  return value;
}
