import { readFileSync } from 'node:fs';
import type { AppDef } from '../platform/topology/types.ts';
import { AwsSynthError } from './errors.ts';
import { apiOutputId } from './http-apis.ts';
import type { ResolvedOptions } from './options.ts';
import { selectResources } from './selection.ts';
import { stackName } from './stack.ts';

/** What `cdk deploy --outputs-file` writes: stack name → output id → value. */
export type StackOutputs = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The `.env` variables (`ORDERS_API_BASE_URL`, …) of every deployed API, from the stack outputs. */
export function envFromOutputs(outputs: StackOutputs, apps: readonly AppDef[], options: ResolvedOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const app of apps) {
    const stack = stackName(app, options);
    const selected = selectResources(app, options).httpApis;
    for (const [name, api] of Object.entries(app.httpApis ?? {})) {
      if (!api.baseUrlEnv || !selected.has(name)) continue;
      const value = outputs[stack]?.[apiOutputId(name, api.baseUrlEnv)];
      if (value === undefined) throw new AwsSynthError(`the outputs of stack ${stack} have no ${apiOutputId(name, api.baseUrlEnv)} (${api.baseUrlEnv}); was it deployed?`);
      env[api.baseUrlEnv] = value;
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
