import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TemplateError } from './errors.ts';
import { isPlainObject } from './intrinsics.ts';

/** A CloudFormation stack of a CDK cloud assembly (`cdk.out`). */
export interface AssemblyStack {
  readonly artifactId: string;
  /** The deployed stack name (`properties.stackName`, else the artifact id). */
  readonly stackName: string;
  /** CDK's hierarchical id, e.g. `Prod/Api` for a stack in a stage. */
  readonly displayName: string;
  /** The (nested) assembly directory the template and its assets live in. */
  readonly dir: string;
  readonly templateFile: string;
  readonly assetManifestFile?: string;
  /** Stack names this stack depends on (CDK orders deployments by them; cross-stack exports follow them). */
  readonly dependsOn: readonly string[];
}

/**
 * Reads every stack of a cloud assembly, nested stage assemblies (`cdk:cloud-assembly` artifacts)
 * included, ordered so each stack comes after the stacks it depends on.
 */
export function readCloudAssembly(dir: string): AssemblyStack[] {
  return dependencyOrder(readAssembly(resolve(dir)));
}

function readAssembly(dir: string): AssemblyStack[] {
  const file = join(dir, 'manifest.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TemplateError(`not a cloud assembly (run cdk synth first): ${(error as Error).message}`, { file, cause: error });
  }
  const artifacts = isPlainObject(manifest) && isPlainObject(manifest.artifacts) ? manifest.artifacts : {};
  const stacks: AssemblyStack[] = [];
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isPlainObject(artifact)) continue;
    const properties = isPlainObject(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string') {
      stacks.push(...readAssembly(join(dir, properties.directoryName)));
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    if (typeof properties.templateFile !== 'string') throw new TemplateError('a stack artifact needs properties.templateFile', { file, logicalId: id });
    const dependencies = Array.isArray(artifact.dependencies) ? artifact.dependencies.filter((d): d is string => typeof d === 'string') : [];
    const stackNameOf = (artifactId: string) => {
      const other = artifacts[artifactId];
      if (!isPlainObject(other) || other.type !== 'aws:cloudformation:stack') return [];
      const otherProperties = isPlainObject(other.properties) ? other.properties : {};
      return [typeof otherProperties.stackName === 'string' ? otherProperties.stackName : artifactId];
    };
    stacks.push({
      artifactId: id,
      stackName: typeof properties.stackName === 'string' ? properties.stackName : id,
      displayName: typeof artifact.displayName === 'string' ? artifact.displayName : id,
      dir,
      templateFile: join(dir, properties.templateFile),
      assetManifestFile: assetManifest(dir, id, dependencies, artifacts),
      dependsOn: dependencies.flatMap(stackNameOf),
    });
  }
  return stacks;
}

function assetManifest(dir: string, id: string, dependencies: readonly string[], artifacts: Record<string, unknown>): string | undefined {
  for (const dependency of dependencies) {
    const artifact = artifacts[dependency];
    if (isPlainObject(artifact) && artifact.type === 'cdk:asset-manifest' && isPlainObject(artifact.properties) && typeof artifact.properties.file === 'string') {
      return join(dir, artifact.properties.file);
    }
  }
  const conventional = join(dir, `${id}.assets.json`);
  return existsSync(conventional) ? conventional : undefined;
}

function dependencyOrder(stacks: readonly AssemblyStack[]): AssemblyStack[] {
  const byName = new Map(stacks.map((stack) => [stack.stackName, stack]));
  const ordered: AssemblyStack[] = [];
  const visiting = new Set<string>();
  const visit = (stack: AssemblyStack) => {
    if (ordered.includes(stack)) return;
    if (visiting.has(stack.stackName)) throw new TemplateError(`stacks depend on each other in a cycle through ${stack.stackName}`);
    visiting.add(stack.stackName);
    for (const name of stack.dependsOn) {
      const dependency = byName.get(name);
      if (dependency) visit(dependency);
    }
    visiting.delete(stack.stackName);
    ordered.push(stack);
  };
  stacks.forEach(visit);
  return ordered;
}

/**
 * The stacks `patterns` select — by stack name, hierarchical id (`Stage/Stack`) or artifact id,
 * `*` matching any run of characters — plus the stacks they depend on, as `cdk deploy` includes
 * them. No patterns selects every stack.
 *
 * @throws TemplateError for a pattern that matches nothing, listing the stacks there are.
 */
export function selectStacks(stacks: readonly AssemblyStack[], patterns?: readonly string[]): AssemblyStack[] {
  if (patterns === undefined || patterns.length === 0) return [...stacks];
  const chosen = new Set<AssemblyStack>();
  for (const pattern of patterns) {
    const matcher = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
    const matches = stacks.filter((stack) => [stack.stackName, stack.displayName, stack.artifactId].some((name) => matcher.test(name)));
    if (matches.length === 0) {
      throw new TemplateError(`no stack matches "${pattern}"; the assembly has: ${stacks.map((stack) => stack.displayName === stack.stackName ? stack.stackName : `${stack.stackName} (${stack.displayName})`).join(', ')}`);
    }
    matches.forEach((stack) => chosen.add(stack));
  }
  const byName = new Map(stacks.map((stack) => [stack.stackName, stack]));
  const addDependencies = (stack: AssemblyStack) => {
    for (const name of stack.dependsOn) {
      const dependency = byName.get(name);
      if (dependency && !chosen.has(dependency)) {
        chosen.add(dependency);
        addDependencies(dependency);
      }
    }
  };
  [...chosen].forEach(addDependencies);
  return stacks.filter((stack) => chosen.has(stack));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
