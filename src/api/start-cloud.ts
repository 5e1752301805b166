import { checkSupport } from '../cli/check-support.ts';
import { loadStackArgs } from '../cli/stack-args.ts';
import { startLocalCloud } from '../local-cloud/cloud.ts';
import { LocalCloudError } from '../local-cloud/errors.ts';
import type { SettleOptions } from '../local-cloud/settle/settle.ts';
import type { AppDef } from '../platform/topology/types.ts';
import { endpointsOf, type CloudEndpoints } from './endpoints.ts';

/** What `startCloud` runs (at least one of `template`, `cdkOut`, `cdk`, `apps`) and how; the options mirror `eventloom up`'s. */
export interface StartCloudOptions {
  /** A SAM or CloudFormation template (JSON or YAML), or several (`--template`). */
  template?: string | readonly string[];
  /** The stack name of a single template (`--stack-name`); default the template's folder name. */
  stackName?: string;
  /** Template parameters (`--parameter Key=Value`); each other parameter takes its `Default`. */
  parameters?: Readonly<Record<string, string>>;
  /** A synthesized CDK cloud assembly, every stack of it (`--cdk-out`). */
  cdkOut?: string;
  /** Only these stacks of the assembly, by name or `Stage/Stack` id (`--stacks`). */
  stacks?: readonly string[];
  /** A CDK project (the folder of its cdk.json) to synthesize offline, then load (`--cdk`). */
  cdk?: string;
  /** eventloom app topologies to run as well. */
  apps?: readonly AppDef[];
  /** Where DynamoDB Local, S3, Kinesis and the state database keep their files; default: all in memory. */
  dataDir?: string;
  /** Wipe `dataDir` first. Default false. */
  fresh?: boolean;
  /** The main port; default 0, a free one (see `endpoints`). */
  port?: number;
  /** Start even when a template has resource types eventloom does not run (they are skipped). Default false. */
  skipUnsupported?: boolean;
  /** Resolves the handler paths of `apps`; default the current directory. */
  projectRoot?: string;
  /** Warnings (properties run differently than on AWS) and progress lines (CDK synth); default stderr. */
  log?: (line: string) => void;
}

/** A running local cloud, for a test: where to reach it, the stacks' outputs, a wait for quiet, a stop. */
export interface Cloud {
  /** What `eventloom up` writes to `.env`: SDK endpoints, region, dummy credentials, API base URLs, stack outputs. */
  readonly env: Readonly<Record<string, string>>;
  readonly endpoints: CloudEndpoints;
  /** Every stack's outputs, `OutputKey → value` (with a key in two stacks, the later stack's). */
  readonly outputs: Readonly<Record<string, string>>;
  /** The same by stack: `stackOutputs[stack][OutputKey]`. */
  readonly stackOutputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Resolves once the cloud is quiet: no stream consumer has unread records, no queue a function
   * or pipe reads holds a visible, in-flight or delayed message (dead-letter queues aside), no rule
   * target delivery or asynchronous invocation is pending and no invocation runs — twice in a row.
   * Rejects with a `SettleTimeoutError` naming what is still busy after `timeoutMs` (default 30 s).
   */
  settled(options?: SettleOptions): Promise<void>;
  /** Stops every service and DynamoDB Local's JVM. */
  stop(): Promise<void>;
}

/**
 * Starts the local cloud with your template, CDK app or eventloom apps, on a free port and in
 * memory unless told otherwise.
 *
 * @example
 * const cloud = await startCloud({ template: 'template.yaml' });
 * await fetch(`${cloud.outputs.ApiUrl}/orders`, { method: 'POST', body: '{"id":"o-1"}' });
 * await cloud.settled({ timeoutMs: 10_000 });
 * // …assert on what the functions wrote…
 * await cloud.stop();
 */
export async function startCloud(options: StartCloudOptions): Promise<Cloud> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const templates = options.template === undefined ? [] : typeof options.template === 'string' ? [options.template] : [...options.template];
  const loaded = await loadStackArgs({
    templates,
    ...(options.stackName !== undefined && { stackName: options.stackName }),
    parameters: Object.entries(options.parameters ?? {}).map(([key, value]) => `${key}=${value}`),
    ...(options.cdkOut !== undefined && { cdkOut: options.cdkOut }),
    ...(options.stacks !== undefined && { stacks: options.stacks.join(',') }),
    ...(options.cdk !== undefined && { cdk: options.cdk }),
    log,
  });
  const stacks = checkSupport(loaded, { skipUnsupported: options.skipUnsupported ?? false, log });
  const apps = options.apps ?? [];
  if (stacks.length === 0 && apps.length === 0) throw new LocalCloudError('startCloud needs something to run: pass template, cdkOut, cdk or apps.');
  const cloud = await startLocalCloud({
    apps,
    stacks,
    onWarning: (message) => log(`warning: ${message}`),
    port: options.port ?? 0,
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    ...(options.fresh !== undefined && { fresh: options.fresh }),
    ...(options.projectRoot !== undefined && { projectRoot: options.projectRoot }),
  });
  const stackOutputs = Object.fromEntries(cloud.registry.list().map((record) => [record.name, Object.fromEntries(record.outputs.map((output) => [output.key, output.value]))]));
  return {
    env: cloud.env,
    endpoints: endpointsOf(cloud.url, cloud.env),
    outputs: Object.assign({}, ...Object.values(stackOutputs)) as Record<string, string>,
    stackOutputs,
    settled: (settleOptions) => cloud.settled(settleOptions),
    stop: () => cloud.stop(),
  };
}
