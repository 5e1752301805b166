import { parseArgs } from 'node:util';
import type { Snapshot } from '../local-cloud/inspector.ts';
import { loadEnvFile } from '../platform/env-file.ts';
import { CliError } from '../platform/cli-error.ts';

const USAGE = `Usage: eventloom inspect [--url http://127.0.0.1:4566] [--json] [--trace <key>]

Shows a running local cloud: tables, queues (visible / in flight / delayed, with their DLQs), buckets, rules,
functions (invocations, errors), pipes and recent events. --trace lists recent events mentioning a key
(an orderId, a sku). The URL defaults to EVENTLOOM_URL from .env.`;

export async function inspectCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { url: { type: 'string' }, json: { type: 'boolean', default: false }, trace: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void console.log(USAGE);
  loadEnvFile();
  const url = values.url ?? process.env.EVENTLOOM_URL ?? 'http://127.0.0.1:4566';
  const path = values.trace ? `/_eventloom/trace/${encodeURIComponent(values.trace)}` : '/_eventloom/inspect';
  let body: unknown;
  try {
    const response = await fetch(`${url}${path}`);
    body = await response.json();
  } catch (error) {
    throw new CliError(`No local cloud answers at ${url} (${(error as Error).message}). Start it with \`npm start\` or pass --url.`);
  }
  if (values.json || values.trace) return void console.log(JSON.stringify(body, null, 2));
  printSnapshot(body as Snapshot);
}

function printSnapshot(snapshot: Snapshot): void {
  for (const { title, rows } of snapshotSections(snapshot)) {
    console.log(`\n${title} (${rows.length})`);
    if (rows.length > 0) console.table(rows);
  }
}

/** The tables `inspect` prints, one row per resource: the columns worth a glance, the last 20 events. */
export function snapshotSections(snapshot: Snapshot): { title: string; rows: readonly object[] }[] {
  return [
    { title: 'Tables', rows: snapshot.tables.map((name) => ({ name })) },
    { title: 'Queues', rows: snapshot.queues.map((q) => ({ name: q.name, visible: q.visible, inFlight: q.inFlight, delayed: q.delayed, dlq: q.deadLetterQueue ?? '' })) },
    { title: 'Buckets', rows: snapshot.buckets.map((b) => ({ name: b.name, objects: b.objects })) },
    { title: 'Rules', rows: snapshot.rules.map((r) => ({ bus: r.bus, name: r.name, state: r.state, targets: r.targets.length })) },
    { title: 'Functions', rows: snapshot.functions.map((f) => ({ name: f.name, invocations: f.invocations, errors: f.errors, timeouts: f.timeouts, running: f.running })) },
    { title: 'Pipes', rows: snapshot.pipes },
    { title: 'Recent events', rows: snapshot.recentEvents.slice(-20).map((e) => ({ time: e.time, source: e.source, detailType: e.detailType, rules: e.matchedRules.join(',') })) },
  ];
}
