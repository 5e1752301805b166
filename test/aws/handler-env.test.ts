import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ecommerceApp } from '../../src/apps/ecommerce/topology.ts';
import { parseHandler } from '../../src/aws/functions.ts';
import { DEFAULT_PROJECT_ROOT } from '../../src/aws/options.ts';
import { isResourceRef } from '../../src/platform/topology/refs.ts';

const run = promisify(execFile);

/**
 * Each ecommerce handler module loads with only the variables its declaration gives it (plus the
 * region Lambda sets): the topology's trimmed table variables are enough for what the handler reads
 * at load time (`shared/config.ts` throws on a missing one).
 */
describe('ecommerce handlers load with only their declared environment', () => {
  const functions = Object.entries(ecommerceApp().functions);

  it.each(functions)('%s', async (_name, def) => {
    const { file, exportName } = parseHandler(def.handler);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' };
    for (const [key, value] of Object.entries(def.environment ?? {})) env[key] = isResourceRef(value) ? `table-${value.name}` : value;
    const url = pathToFileURL(join(DEFAULT_PROJECT_ROOT, file)).href;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); console.log(typeof m[${JSON.stringify(exportName)}]);`], {
      cwd: DEFAULT_PROJECT_ROOT,
      env,
    });
    expect(stdout.trim()).toBe('function');
  }, 60_000);
});
