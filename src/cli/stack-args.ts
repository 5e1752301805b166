import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { synthesizeCdkProject } from '../local-cloud/cdk-synth.ts';
import { loadCloudAssembly, loadTemplate, orderStacks } from '../local-cloud/templates/index.ts';
import type { LoadedStack } from '../local-cloud/templates/types.ts';
import { CliError } from '../platform/cli-error.ts';

export interface StackArgs {
  templates: readonly string[];
  stackName?: string;
  /** `Key=Value` pairs. */
  parameters: readonly string[];
  cdkOut?: string;
  /** Comma-separated stack names or ids. */
  stacks?: string;
  cdk?: string;
  /** Where `--cdk` is synthesized; default a folder of the OS temp dir named after the project. */
  cdkOutdir?: string;
  log: (line: string) => void;
}

/** The stacks `--template`, `--cdk-out` and `--cdk` name, loaded (SAM transformed, assets located). */
export async function loadStackArgs(args: StackArgs): Promise<LoadedStack[]> {
  if (args.stackName !== undefined && args.templates.length !== 1) throw new CliError('--stack-name names the stack of a single --template; with several, each stack is named after its template folder.');
  if (args.stacks !== undefined && args.cdkOut === undefined && args.cdk === undefined) throw new CliError('--stacks selects stacks of a cloud assembly: pass it with --cdk-out <dir> or --cdk <project>.');
  const parameters = parseParameters(args.parameters);
  const templates: LoadedStack[] = [];
  for (const template of args.templates) {
    if (!existsSync(template)) throw new CliError(`--template ${template}: no such file.`);
    templates.push(await loadTemplate(resolve(template), { ...(args.stackName !== undefined && { stackName: args.stackName }), parameters }));
  }
  const loaded = orderStacks(templates);
  const stacks = args.stacks?.split(',').map((s) => s.trim()).filter(Boolean);
  // A parameter given on the command line applies to every stack of an assembly.
  const assemblyOptions = { ...(stacks && { stacks }), parameters: () => parameters };
  if (args.cdkOut !== undefined) loaded.push(...(await loadCloudAssembly(await assemblyDir(args.cdkOut, args.log), assemblyOptions)));
  if (args.cdk !== undefined) loaded.push(...(await loadCloudAssembly(await synthesizeCdkProject(args.cdk, { log: args.log, ...(args.cdkOutdir !== undefined && { outdir: args.cdkOutdir }) }), assemblyOptions)));
  return loaded;
}

/** A cloud assembly directory; one not synthesized yet beside its CDK project (cdk.json) is synthesized first. */
async function assemblyDir(cdkOut: string, log: (line: string) => void): Promise<string> {
  const dir = resolve(cdkOut);
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  if (existsSync(join(dirname(dir), 'cdk.json'))) {
    log(`--cdk-out ${cdkOut}: no cloud assembly there yet; synthesizing the CDK project beside it`);
    return synthesizeCdkProject(dirname(dir), { log });
  }
  throw new CliError(`--cdk-out ${cdkOut}: no cloud assembly (manifest.json) there. Run \`cdk synth\` first, or pass --cdk <project folder>.`);
}

function parseParameters(pairs: readonly string[]): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new CliError(`--parameter ${pair}: expected Key=Value.`);
    parameters[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return parameters;
}
