import { parseArgs } from 'node:util';
import { CliError } from '../src/platform/cli-error.ts';
import { benchDataDir } from './data-dir.ts';
import { benchEcommerce } from './ecommerce.ts';
import { benchEnrichment } from './enrichment.ts';
import { benchPipeline } from './pipeline.ts';
import { benchStartup } from './startup.ts';

const USAGE = `Usage: npm run bench -- [--only startup|pipeline|ecommerce|enrichment|data-dir] [--starts 5] [--items 2000] [--concurrency 16] [--rate 100] [--seconds 10]
                            [--orders 300] [--order-concurrency 8] [--warmup 20]
                            [--contacts-k 100] [--slow-contacts-k 10] [--enrichment-workers 3]

Each benchmark but data-dir starts its own in-memory DynamoDB Local and first measures its
raw PutItem/s (--items writes, --concurrency in flight, no stream): the ceiling its figures are
compared with.

startup    median of --starts local-cloud ready times (every built-in app, in memory) beside the
           median DynamoDB Local JVM start alone, with and without its class-data archive.
pipeline   events/s through stream → pipe → bus → rule → SQS → Lambda (no-op handler) at
           saturation, PutItem → handler start latency, and the same at a steady --rate items/s
           for --seconds.
ecommerce  the ecommerce app (payment gateway: accept): --warmup orders, then --orders orders
           placed over HTTP with --order-concurrency in flight; orders/s end to end (placeOrder →
           ORDER_PAYMENT_ACCEPTED_STATUS), p50/p95/p99 latency, DynamoDB item writes per order
           (counted from the table's stream) and (orders/s × writes per order) / raw PutItem/s.
enrichment the enrichment app over HTTP: --contacts-k × 1,000 + 1 contacts (uploaded) with mock
           latency 0 — seconds POST → completed, contacts/s, batches/s / raw PutItem/s; then
           --slow-contacts-k × 1,000 + 1 contacts at 500 ms per batch — measured time / floor
           (batches × 500 ms / --enrichment-workers).
data-dir   DynamoDB Local on a database file in a data directory, as \`npm start\` runs it:
           PutItem/s to a table with a stream (3 rounds of --items), then to a second table with
           a stream, on the file as DynamoDB Local makes it and as the local cloud tunes it.
Prints figures; asserts nothing.`;

/** `eventloom bench`: runs every benchmark below (or the one `--only` names). */
export async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      starts: { type: 'string', default: '5' },
      items: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '16' },
      rate: { type: 'string', default: '100' },
      seconds: { type: 'string', default: '10' },
      orders: { type: 'string', default: '300' },
      'order-concurrency': { type: 'string', default: '8' },
      warmup: { type: 'string', default: '20' },
      'contacts-k': { type: 'string', default: '100' },
      'slow-contacts-k': { type: 'string', default: '10' },
      'enrichment-workers': { type: 'string', default: '3' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const benches = ['startup', 'pipeline', 'ecommerce', 'enrichment', 'data-dir'];
  if (values.only !== undefined && !benches.includes(values.only)) {
    throw new CliError(`--only must be one of ${benches.map((name) => `"${name}"`).join(', ')}, got "${values.only}".`);
  }
  const runs = (name: string) => values.only === undefined || values.only === name;
  const items = positive('--items', values.items);
  const concurrency = positive('--concurrency', values.concurrency);

  if (runs('startup')) {
    console.log('== startup ==');
    await benchStartup({ runs: integer('--starts', values.starts) });
  }
  if (runs('pipeline')) {
    if (values.only === undefined) console.log('');
    console.log('== pipeline ==');
    await benchPipeline({ items, concurrency, rate: positive('--rate', values.rate), seconds: positive('--seconds', values.seconds) });
  }
  if (runs('ecommerce')) {
    if (values.only === undefined) console.log('');
    console.log('== ecommerce ==');
    await benchEcommerce({
      items,
      concurrency,
      orders: integer('--orders', values.orders),
      orderConcurrency: integer('--order-concurrency', values['order-concurrency']),
      warmup: integer('--warmup', values.warmup, 0),
    });
  }
  if (runs('enrichment')) {
    if (values.only === undefined) console.log('');
    console.log('== enrichment ==');
    await benchEnrichment({
      items,
      concurrency,
      thousands: integer('--contacts-k', values['contacts-k']),
      slowThousands: integer('--slow-contacts-k', values['slow-contacts-k']),
      workerConcurrency: integer('--enrichment-workers', values['enrichment-workers'], 2),
    });
  }
  if (runs('data-dir')) {
    if (values.only === undefined) console.log('');
    console.log('== data directory ==');
    await benchDataDir({ items, concurrency });
  }
}

function positive(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new CliError(`${flag} must be a positive number, got "${value}".`);
  return number;
}

function integer(flag: string, value: string, min = 1): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new CliError(`${flag} must be a whole number of at least ${min}, got "${value}".`);
  return number;
}
