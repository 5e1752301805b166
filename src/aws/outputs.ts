import { readFileSync } from 'node:fs';
import type { AppDef } from '../platform/topology/types.ts';
import { AwsSynthError } from './errors.ts';
import { apiOutputId } from './http-apis.ts';
import type { ResolvedOptions } from './options.ts';
import { selectResources } from './selection.ts';
import { stackName } from './stack.ts';
import { tableOutputId } from './tables.ts';

/** What `cdk deploy --outputs-file` writes: stack name → output id → value. */
export type StackOutputs = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The `.env` variables of every deployed API (`ORDERS_API_BASE_URL`, …) and table `nameEnv`, from the stack outputs. */
export function envFromOutputs(outputs: StackOutputs, apps: readonly AppDef[], options: ResolvedOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const app of apps) {
    const stack = stackName(app, options);
    const selected = selectResources(app, options).httpApis;
    const exports: { variable: string; id: string }[] = [
      ...Object.entries(app.httpApis ?? {}).flatMap(([name, api]) => (api.baseUrlEnv && selected.has(name) ? [{ variable: api.baseUrlEnv, id: apiOutputId(name, api.baseUrlEnv) }] : [])),
      ...Object.values(app.tables ?? {}).flatMap((table) => (table.nameEnv ? [{ variable: table.nameEnv, id: tableOutputId(table.nameEnv) }] : [])),
    ];
    for (const { variable, id } of exports) {
      const value = outputs[stack]?.[id];
      if (value === undefined) throw new AwsSynthError(`the outputs of stack ${stack} have no ${id} (${variable}); was it deployed?`);
      env[variable] = value;
    }
  }
  return env;
}

export function readOutputsFile(path: string): StackOutputs {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as StackOutputs;
  } catch (error) {
    throw new AwsSynthError(`cannot read the deploy outputs ${path}; run \`npm run deploy -- --stage <stage>\` first.`, { cause: error });
  }
}
