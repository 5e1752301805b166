import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { readCloudAssembly, selectStacks } from './assembly.ts';
import { readAssetManifest } from './assets.ts';
import { TemplateError } from './errors.ts';
import { parseParameterOverrides } from './parameters.ts';
import { DEFAULT_REGION } from './pseudo.ts';
import { buildStack } from './stack.ts';
import type { LoadedStack, TemplateWarning } from './types.ts';
import { parseTemplate } from './yaml.ts';

export interface LoadTemplateOptions {
  /** The stack name; default: the template's folder name (`sqs-lambda/template.yaml` → `sqs-lambda`). */
  readonly stackName?: string;
  /** Values for the template's Parameters: `{ Key: 'Value' }` or `['Key=Value', …]`; default: each `Default`. */
  readonly parameters?: Readonly<Record<string, string>> | readonly string[];
  /** `AWS::Region` and the region in names; default `us-east-1`. */
  readonly region?: string;
  /** Where esbuild bundles, extracted zips and inline code are written; default `<os tmpdir>/eventloom-templates`. */
  readonly cacheDir?: string;
}

export interface LoadCloudAssemblyOptions {
  /** Stacks to load, by name, hierarchical id (`Stage/Stack`) or artifact id, `*` as wildcard; default all. Their dependencies come too. */
  readonly stacks?: readonly string[];
  /** Parameter values per stack name, or one function giving them for a stack name (CDK apps rarely declare parameters). */
  readonly parameters?: Readonly<Record<string, Readonly<Record<string, string>>>> | ((stackName: string) => Readonly<Record<string, string>>);
  /** Default `us-east-1`. */
  readonly region?: string;
  /** As for loadTemplate. */
  readonly cacheDir?: string;
}

const defaultCacheDir = () => join(tmpdir(), 'eventloom-templates');

/**
 * Loads a CloudFormation or SAM template (YAML or JSON): the SAM transform applied, parameters and
 * conditions evaluated, each function's code located (and built with esbuild when SAM says so).
 * Nothing is resolved that needs a deployed resource: `stack.resolver` does that on demand.
 *
 * @example
 * const stack = await loadTemplate('sqs-lambda/template.yaml', { parameters: ['Stage=dev'] });
 * for (const id of stack.order) deploy(stack.resources.find((r) => r.logicalId === id)!);
 * @throws TemplateError naming the file, logical id and property of the first problem.
 */
export async function loadTemplate(file: string, options: LoadTemplateOptions = {}): Promise<LoadedStack> {
  const path = resolve(file);
  const stackName = options.stackName ?? stackNameFromFolder(basename(dirname(path)));
  checkStackName(stackName, path);
  const parseWarnings: TemplateWarning[] = [];
  const template = parseTemplate(readText(path), path, parseWarnings);
  const parameters = Array.isArray(options.parameters) ? parseParameterOverrides(options.parameters as readonly string[]) : ((options.parameters ?? {}) as Record<string, string>);
  return buildStack(
    { template, file: path, dir: dirname(path), stackName, displayName: stackName, dependsOnStacks: [], warnings: parseWarnings },
    { region: options.region ?? DEFAULT_REGION, parameters, cacheDir: options.cacheDir ?? defaultCacheDir() },
  );
}

/**
 * Loads the stacks of a CDK cloud assembly (`cdk.out`), nested stages included, in dependency
 * order; CDK's `BootstrapVersion` parameter and `CheckBootstrapVersion` rule have no effect.
 * Functions' code comes from the stack's asset manifest (`<Stack>.assets.json`) by `Code.S3Key`.
 *
 * @example const stacks = await loadCloudAssembly('cdk.out', { stacks: ['Prod/Api'] });
 */
export async function loadCloudAssembly(dir: string, options: LoadCloudAssemblyOptions = {}): Promise<LoadedStack[]> {
  const selected = selectStacks(readCloudAssembly(dir), options.stacks);
  const loaded: LoadedStack[] = [];
  for (const stack of selected) {
    const template = parseTemplate(readText(stack.templateFile), stack.templateFile);
    const assets = stack.assetManifestFile === undefined ? [] : readAssetManifest(stack.assetManifestFile);
    loaded.push(
      await buildStack(
        { template, file: stack.templateFile, dir: stack.dir, stackName: stack.stackName, displayName: stack.displayName, dependsOnStacks: stack.dependsOn, assets: { list: assets, dir: stack.dir } },
        { region: options.region ?? DEFAULT_REGION, parameters: typeof options.parameters === 'function' ? options.parameters(stack.stackName) : (options.parameters?.[stack.stackName] ?? {}), cacheDir: options.cacheDir ?? defaultCacheDir() },
      ),
    );
  }
  return loaded;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new TemplateError(`cannot read the template: ${(error as Error).message}`, { file, cause: error });
  }
}

/** A folder name made a valid stack name: `my_app` → `my-app`, `1st` → `stack-1st`. */
export function stackNameFromFolder(folder: string): string {
  const cleaned = folder.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 128);
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `stack-${cleaned}`.slice(0, 128);
}

// CloudFormation's rule for stack names.
function checkStackName(name: string, file: string): void {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(name)) {
    throw new TemplateError(`"${name}" is not a valid stack name (a letter, then letters, digits and hyphens, at most 128); pass --stack-name`, { file });
  }
}
