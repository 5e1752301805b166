import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction, Runtime, type FunctionOptions } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { parseHandler } from '../platform/topology/handler.ts';
import { isResourceRef } from '../platform/topology/refs.ts';
import type { FunctionDef } from '../platform/topology/types.ts';
import type { SynthContext } from './context.ts';
import { AwsSynthError } from './errors.ts';

export const RUNTIME = Runtime.NODEJS_22_X;
/** Set on bundled functions, whose minified code ships with a source map. */
export const SOURCE_MAPS_OPTION = '--enable-source-maps';

/** Handlers are ESM; bundled CommonJS dependencies still call `require` for Node built-ins. */
export { parseHandler };

const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);";
const stub = (exportName: string) => `exports.${exportName} = async () => { throw new Error('inline stand-in: synthesize with code: esbuild to deploy'); };`;


/**
 * One function per declaration deployed in this stage: nodejs22.x, bundled locally by esbuild (the AWS
 * SDK included, so what runs locally is what deploys), its own role and log group, env refs as tokens.
 */
export function addFunctions(ctx: SynthContext): void {
  for (const [name, def] of Object.entries(ctx.app.functions ?? {})) {
    if (!ctx.selection.functions.has(name)) continue;
    const functionName = ctx.name('function', name);
    const logGroup = new LogGroup(ctx.stack, `${name}Logs`, {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(ctx.stack, `${name}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    const options: FunctionOptions & { runtime: Runtime } = {
      functionName,
      runtime: RUNTIME,
      role,
      logGroup,
      environment: environment(ctx, def, ctx.options.code === 'esbuild'),
      timeout: def.timeoutSeconds === undefined ? undefined : Duration.seconds(def.timeoutSeconds),
      memorySize: def.memoryMb,
      reservedConcurrentExecutions: def.reservedConcurrency,
    };
    const { file, exportName } = parseHandler(def.handler);
    const entry = join(ctx.options.projectRoot, file);
    if (!existsSync(entry)) throw new AwsSynthError(`${ctx.app.name}: function "${name}" has handler ${def.handler}, but ${entry} does not exist.`);
    const fn =
      ctx.options.code === 'esbuild'
        ? new NodejsFunction(ctx.stack, `${name}Function`, {
            ...options,
            entry,
            handler: exportName,
            projectRoot: ctx.options.projectRoot,
            depsLockFilePath: join(ctx.options.projectRoot, 'package-lock.json'),
            bundling: {
              format: OutputFormat.ESM,
              bundleAwsSDK: true,
              mainFields: ['module', 'main'],
              banner: ESM_REQUIRE_BANNER,
              minify: true,
              sourceMap: true,
              sourcesContent: false,
              forceDockerBundling: false,
            },
          })
        : new LambdaFunction(ctx.stack, `${name}Function`, { ...options, code: Code.fromInline(stub(exportName)), handler: `index.${exportName}` });
    ctx.functions.set(name, { fn, role, logGroup });
  }
}

/**
 * The declared environment with refs as tokens. Bundles are minified, so they ship a source map and
 * Node is told to use it (`--enable-source-maps`): stack traces in the logs then point at the
 * TypeScript sources. The cost (map parsing) is paid when a stack trace is formatted, i.e. on errors.
 */
function environment(ctx: SynthContext, def: FunctionDef, sourceMaps: boolean): Record<string, string> | undefined {
  const env = Object.fromEntries(Object.entries(def.environment ?? {}).map(([key, value]) => [key, isResourceRef(value) ? ctx.resolveRef(value) : value]));
  if (sourceMaps) env.NODE_OPTIONS = [env.NODE_OPTIONS, SOURCE_MAPS_OPTION].filter(Boolean).join(' ');
  return Object.keys(env).length > 0 ? env : undefined;
}
