import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppDef } from '../platform/topology/types.ts';
import { CliError } from '../platform/cli-error.ts';

/** The folder holding eventloom's package.json: the repository, or node_modules/eventloom when installed. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const NOTHING_TO_RUN =
  'Nothing to run: pass --template <file> (SAM or CloudFormation), --cdk-out <dir>, --cdk <project> or --apps <module>. See `eventloom up --help`.';

/**
 * eventloom's own five apps, for `up` without a template. They run only from eventloom's repository:
 * their handler paths are relative to it, and the installed package does not ship them, so in a
 * user's folder `up` asks for the user's own app instead.
 */
export async function builtInApps(cwd: string = process.cwd()): Promise<readonly AppDef[]> {
  if (resolve(cwd) !== PACKAGE_ROOT || !existsSync(join(PACKAGE_ROOT, 'src', 'apps', 'index.ts'))) throw new CliError(NOTHING_TO_RUN);
  return (await import('../apps/index.ts')).apps;
}
