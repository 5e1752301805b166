import { parseArgs } from 'node:util';
import type { EcommerceUrls } from '../apps/ecommerce/seed/api.ts';
import { ApiUnreachableError } from '../apps/ecommerce/seed/errors.ts';
import { formatSummary } from '../apps/ecommerce/seed/report.ts';
import { seedDatabase } from '../apps/ecommerce/seed/seed.ts';
import { loadEnvFile } from '../platform/env-file.ts';
import { CliError } from '../platform/cli-error.ts';
import { Progress } from './progress.ts';

export const SEED_USAGE = `Usage: eventloom seed [--timeout 180] [--no-wait]   (npm run seed, npm run init-database)

Sends the ecommerce app's 35 restocks, then its 75 orders, one at a time over HTTP, waits until every
order is in a final status and nothing changes any more, then prints orders, payments and stock per
SKU and checks the stock invariant (remaining + sold = restocked). Exit code 0 when every order
settled and the invariant holds. Base URLs come from the environment or .env (written by npm start).
  --timeout   seconds to wait for the system to settle (default 180)
  --no-wait   only send the requests`;

const URL_VARIABLES = { inventory: 'INVENTORY_API_BASE_URL', orders: 'ORDERS_API_BASE_URL', payments: 'PAYMENTS_API_BASE_URL' } as const;

export async function seed(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      timeout: { type: 'string', default: '180' },
      'no-wait': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void console.log(SEED_USAGE);
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new CliError(`--timeout must be a positive number of seconds, got "${values.timeout}".`);

  const progress = new Progress(process.stderr);
  let result;
  try {
    result = await seedDatabase({ urls: readUrls(), wait: !values['no-wait'], timeoutMs: timeoutSeconds * 1000, reporter: progress.reporter() });
  } catch (error) {
    progress.end();
    if (error instanceof ApiUnreachableError) {
      throw new CliError(`could not reach ${error.url}. Is the local cloud running? Start it with \`npm start\` first, or set ${Object.values(URL_VARIABLES).join(', ')} to a running deployment.`);
    }
    throw error;
  }
  progress.end();
  console.log(`sent ${result.sent} requests, ${result.failed} answered with an error`);
  if (!result.summary) return void (process.exitCode = result.failed > 0 ? 1 : 0);
  if (result.timedOut) console.log(`the system did not settle within ${timeoutSeconds}s (--timeout); the state when it gave up:`);
  for (const line of formatSummary(result.summary)) console.log(line);
  process.exitCode = result.summary.ok && !result.timedOut ? 0 : 1;
}

function readUrls(): EcommerceUrls {
  loadEnvFile('.env');
  const missing = Object.values(URL_VARIABLES).filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new CliError(`${missing.join(', ')} not set: start the local cloud with \`npm start\` first (it writes .env), or set ${Object.values(URL_VARIABLES).join(', ')}.`);
  }
  return { inventory: process.env[URL_VARIABLES.inventory]!, orders: process.env[URL_VARIABLES.orders]!, payments: process.env[URL_VARIABLES.payments]! };
}
