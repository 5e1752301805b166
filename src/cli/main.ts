#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { DynamoDbLocalError } from '../local-cloud/dynamodb/errors.ts';
import { LocalCloudError } from '../local-cloud/errors.ts';
import { TopologyError } from '../platform/topology/errors.ts';
import { CliError } from '../platform/cli-error.ts';

const USAGE = `Usage: eventloom <command> [options]

Commands:
  up        boot the local cloud with your template or CDK app (--template, --cdk, --cdk-out; in eventloom's repository: its own apps)
  inspect   show tables, queues, rules, functions and recent events of a running local cloud
  seed      (repository only) send the ecommerce init-database data set to a running local cloud (npm run seed)
  bench     (repository only) measure the pipeline and the ecommerce app against the raw DynamoDB Local write rate (npm run bench)
  ddb-client  (repository only) run the DynamoDB CRUD demonstrator / load generator against the users table (npm run ddb-client)

Run \`eventloom <command> --help\` for a command's options.`;

const commands: Record<string, () => Promise<{ run: (argv: string[]) => Promise<void> }>> = {
  up: async () => ({ run: (await import('./up.ts')).up }),
  inspect: async () => ({ run: (await import('./inspect.ts')).inspectCommand }),
  seed: async () => ({ run: (await import('./seed.ts')).seed }),
  bench: async () => ({ run: (await import('../../bench/main.ts')).bench }),
  'ddb-client': async () => ({ run: (await import('../apps/ddb-client/cli.ts')).ddbClientCommand }),
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') return void console.log(USAGE);
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) throw new CliError(`Unknown command "${name}".\n\n${USAGE}`);
  await (await loadCommand(name, command)).run(rest);
}

/** seed, bench and ddb-client drive eventloom's own apps, which the installed package does not ship. */
async function loadCommand<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND' || name === 'up' || name === 'inspect') throw error;
    throw new CliError(`"${name}" works only inside eventloom's repository: it drives eventloom's own apps, which the installed package does not include.`);
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// V8's size-favouring heap sizing, set before a command loads: it applies to every isolate created
// afterwards (each function sandbox is one) and to the main thread's heap growth. Measured on the
// ecommerce saga (150 orders): node RSS 604 → 466 MB, the main thread's old space 116 → 51 MB.
setFlagsFromString('--optimize-for-size');
main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError || error instanceof DynamoDbLocalError || error instanceof TopologyError || error instanceof LocalCloudError) {
    console.error(`eventloom: ${error.message}`);
  } else if (error instanceof Error && error.name === 'TypeError' && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`eventloom: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
