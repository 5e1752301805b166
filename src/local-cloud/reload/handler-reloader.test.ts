import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.ts';
import { HandlerReloader } from './handler-reloader.ts';

describe('HandlerReloader', () => {
  let dir: string;
  let reloader: HandlerReloader;
  const retired: string[] = [];
  const lines: string[] = [];
  const write = (path: string, text: string) => writeFileSync(join(dir, path), text);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eventloom-reloader-'));
    mkdirSync(join(dir, 'lib'));
    write('orders.ts', "import { total } from './lib/total.ts';\nexport const handler = async () => total([1, 2]);\n");
    write('lib/total.ts', 'export const total = (values: number[]) => values.reduce((a, b) => a + b, 0);\n');
    write('lib/tax.ts', 'export const rate = 0.2;\n');
    write('stock.ts', 'export const handler = async () => 0;\n');
    retired.length = 0;
    lines.length = 0;
    reloader = new HandlerReloader({
      functions: () => [
        { name: 'orders', modulePath: join(dir, 'orders.ts') },
        { name: 'stock', modulePath: join(dir, 'stock.ts') },
      ],
      retire: (name) => retired.push(name),
      log: (line) => lines.push(line),
      debounceMs: 50,
      projectRoot: dir,
    });
    await reloader.start();
  });

  afterEach(() => {
    reloader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('retires only the function whose handler changed', async () => {
    write('stock.ts', 'export const handler = async () => 1;\n');
    await waitFor(() => lines.length === 1, { description: 'a reload line' });
    expect(retired).toEqual(['stock']);
    expect(lines[0]).toMatch(/^reloaded stock \(handler changed\) in \d+ ms$/);
  });

  it('follows imports, including one the edit adds, and makes one reload of a burst of saves', async () => {
    // Act: an imported module changes three times in a row
    for (const rate of [1, 2, 3]) write('lib/total.ts', `export const total = (values: number[]) => values.reduce((a, b) => a + b, ${rate});\n`);
    await waitFor(() => lines.length === 1, { description: 'one reload line' });
    expect(retired).toEqual(['orders']);
    expect(lines[0]).toMatch(/^reloaded orders \(lib\/total\.ts changed\) in \d+ ms$/);

    // Act: the module starts importing another; editing that one reloads the function too
    write('lib/total.ts', "import { rate } from './tax.ts';\nexport const total = (values: number[]) => values.reduce((a, b) => a + b, 0) * (1 + rate);\n");
    await waitFor(() => lines.length === 2, { description: 'a second reload line' });
    write('lib/tax.ts', 'export const rate = 0.25;\n');
    await waitFor(() => lines.length === 3, { description: 'a reload for the new import' });
    expect(retired).toEqual(['orders', 'orders', 'orders']);
  });
});
