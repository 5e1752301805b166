import { App, type AppProps, type Environment } from 'aws-cdk-lib';
import { apps as registeredApps } from '../apps/index.ts';
import type { AppDef } from '../platform/topology/types.ts';
import { resolveOptions, type ResolvedOptions, type SynthOptions } from './options.ts';
import { TopologyStack } from './stack.ts';

export interface SynthesizeOptions extends SynthOptions {
  /** Default the registered apps (`src/apps/index.ts`). */
  readonly apps?: readonly AppDef[];
  /** Default from CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION (environment-agnostic when unset). */
  readonly env?: Environment;
  readonly appProps?: AppProps;
}

/**
 * Builds the CDK app: one stack `<prefix>-<stage>-<app>` per app.
 *
 * @example
 * const { stacks } = buildCdkApp({ stage: 'prod', code: 'inline' });
 * Template.fromStack(stacks[0]!).resourceCountIs('AWS::DynamoDB::Table', 1);
 */
export function buildCdkApp(options: SynthesizeOptions = {}, app = new App(options.appProps)): { app: App; stacks: TopologyStack[]; options: ResolvedOptions } {
  const resolved = resolveOptions(options);
  const env = options.env ?? defaultEnv();
  const stacks = (options.apps ?? registeredApps).map((def) => new TopologyStack(app, def, resolved, { env }));
  return { app, stacks, options: resolved };
}

function defaultEnv(): Environment | undefined {
  const { CDK_DEFAULT_ACCOUNT: account, CDK_DEFAULT_REGION: region } = process.env;
  return account || region ? { account, region } : undefined;
}
