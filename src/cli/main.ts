#!/usr/bin/env node
import { DynamoDbLocalError } from '../local-cloud/dynamodb/errors.ts';
import { LocalCloudError } from '../local-cloud/errors.ts';
import { TopologyError } from '../platform/topology/errors.ts';
import { CliError } from '../platform/cli-error.ts';

const USAGE = `Usage: eventloom <command> [options]

Commands:
  up        boot the local cloud with every registered app (npm start)
  inspect   show tables, queues, rules, functions and recent events of a running local cloud
  seed      send the ecommerce init-database data set to a running local cloud (npm run seed)
  bench     measure the pipeline and the ecommerce app against the raw DynamoDB Local write rate (npm run bench)
  ddb-client  run the DynamoDB CRUD demonstrator / load generator against the users table (npm run ddb-client)

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
  await (await command()).run(rest);
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
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
