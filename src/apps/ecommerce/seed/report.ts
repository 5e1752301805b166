import type { SeedSummary } from './summary.ts';

/** The summary as a plain-text table, one string per line. */
export function formatSummary(summary: SeedSummary): string[] {
  const lines = [`orders: ${summary.settled}/${summary.expected} settled`];
  for (const [status, count] of sortedEntries(summary.ordersByStatus)) lines.push(`  ${status.padEnd(32)} ${String(count).padStart(5)}`);
  if (summary.missing.length > 0) lines.push(`  never listed: ${summary.missing.join(', ')}`);
  if (summary.unsettled.length > 0) lines.push(`  not final:    ${summary.unsettled.join(', ')}`);

  lines.push('payments:');
  for (const [status, byRetries] of sortedEntries(summary.paymentsByStatus)) {
    const retries = Object.entries(byRetries).map(([count, payments]) => `${count}: ${payments}`);
    const total = Object.values(byRetries).reduce((sum, n) => sum + n, 0);
    lines.push(`  ${status.padEnd(32)} ${String(total).padStart(5)}   by paymentRetries ${retries.join(', ')}`);
  }

  lines.push('stock:', `  ${'SKU'.padEnd(12)} ${'restocked'.padStart(10)} ${'sold'.padStart(8)} ${'remaining'.padStart(10)}   remaining + sold = restocked`);
  for (const line of summary.stock) {
    const cells = [line.sku.padEnd(12), String(line.restocked).padStart(10), String(line.sold).padStart(8), String(line.remaining).padStart(10)];
    lines.push(`  ${cells.join(' ')}   ${line.holds ? 'yes' : `NO (off by ${line.remaining + line.sold - line.restocked})`}`);
  }
  const broken = summary.stock.filter((line) => !line.holds).map((line) => line.sku);
  lines.push(
    broken.length === 0
      ? 'the stock invariant holds for every SKU'
      : `the stock invariant does NOT hold for ${broken.join(', ')} (it assumes the seed's restocks are the only ones: a fresh database, \`npm start -- --fresh\`)`,
  );
  return lines;
}

function sortedEntries<Value>(record: Readonly<Record<string, Value>>): [string, Value][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
