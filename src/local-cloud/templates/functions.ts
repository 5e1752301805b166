import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileAsset } from './assets.ts';
import { assetFolder, findAsset } from './assets.ts';
import { TemplateError } from './errors.ts';
import { findHandlerModule, parseHandler } from './handler.ts';
import { isPlainObject } from './intrinsics.ts';
import { buildWithEsbuild } from './sam/esbuild.ts';
import type { FunctionCode, LoadedStack, ResourceLookup, TemplateResource } from './types.ts';

export interface LocateOptions {
  readonly stackName: string;
  readonly cacheDir: string;
  /** The assembly directory asset paths are relative to. */
  readonly assemblyDir?: string;
  /** The stack's CDK file assets, when it comes from a cloud assembly. */
  readonly assets?: readonly FileAsset[];
  /** Resolves a value that may use parameters but no resource (Runtime, Handler, Code). */
  readonly resolveStatic: (value: unknown, property: string) => unknown;
}

type Located = Pick<FunctionCode, 'source' | 'dir' | 'problem' | 'pendingInline'>;

/**
 * Where an `AWS::Lambda::Function`'s code is on this machine: a SAM `CodeUri` folder (bundled with
 * esbuild first when `Metadata.BuildMethod` says so), a CDK asset found through `Code.S3Key` (a
 * folder, or a `.zip` extracted into the cache), or inline `ZipFile` code written to
 * `<cache>/inline/<stack>/<LogicalId>/index.js`. Never throws for a function that cannot run: the
 * reason is in `problem`, so every such function can be listed at once.
 */
export async function locateFunctionCode(resource: TemplateResource, options: LocateOptions): Promise<FunctionCode> {
  const base = { logicalId: resource.logicalId, runtime: staticString(resource, 'Runtime', options), handler: staticString(resource, 'Handler', options) };
  let located: Located;
  try {
    located = await locate(resource, options);
  } catch (error) {
    located = { source: 'directory', problem: error instanceof TemplateError ? error.detail : String(error) };
  }
  const runtimeProblem = base.runtime?.startsWith('nodejs') ? undefined : `runtime ${base.runtime ?? '(none)'} is not a Node.js runtime (nodejs*); only those run locally`;
  if (located.problem !== undefined || located.dir === undefined) return { ...base, ...located, problem: located.problem ?? runtimeProblem };
  const parts = base.handler === undefined ? undefined : parseHandler(base.handler);
  if (parts === undefined) return { ...base, ...located, problem: runtimeProblem ?? `Handler "${base.handler ?? ''}" is not <file>.<export>` };
  const module = located.pendingInline ? join(located.dir, 'index.js') : findHandlerModule(located.dir, parts);
  const missing = `handler file ${parts.moduleRoot}${parts.module}.js (or .mjs, .cjs) is not in ${located.dir}`;
  return { ...base, ...located, module, exportName: parts.exportName, problem: runtimeProblem ?? (module === undefined ? missing : undefined) };
}

async function locate(resource: TemplateResource, options: LocateOptions): Promise<Located> {
  const code = resource.properties.Code;
  if (!isPlainObject(code)) return { source: 'directory', problem: 'Code is missing' };
  if (code.ImageUri !== undefined) return { source: 'directory', problem: 'container image functions (ImageUri) are not supported locally' };
  if (code.ZipFile !== undefined) return inline(resource, code.ZipFile, options);
  if (typeof code.LocalPath === 'string') return local(resource, code.LocalPath, options);
  if (code.S3Key !== undefined) return asset(options.resolveStatic(code.S3Key, 'Properties.Code.S3Key'), code, options);
  return { source: 'directory', problem: 'Code has neither ZipFile, S3Key nor a local CodeUri' };
}

async function local(resource: TemplateResource, dir: string, options: LocateOptions): Promise<Located> {
  if (!existsSync(dir)) return { source: 'directory', problem: `CodeUri ${dir} does not exist` };
  if (statSync(dir).isFile()) {
    // A CodeUri may be a built .zip, or a single source file that `sam package` zips alone.
    if (!isZip(dir)) return { source: 'directory', dir: dirname(dir) };
    const extracted = assetFolder(dir, { id: resource.logicalId, path: dir, packaging: 'file', objectKeys: [] }, options.cacheDir);
    return { source: 'zip', dir: extracted.dir };
  }
  const method = resource.metadata.BuildMethod;
  if (method === undefined) return { source: 'directory', dir };
  if (method !== 'esbuild') return { source: 'directory', problem: `BuildMethod ${String(method)} is not run locally (only esbuild is)` };
  const outDir = join(options.cacheDir, 'esbuild', safe(options.stackName), resource.logicalId);
  await buildWithEsbuild(dir, resource.metadata.BuildProperties, outDir);
  return { source: 'esbuild', dir: outDir };
}

function asset(s3Key: unknown, code: Record<string, unknown>, options: LocateOptions): Located {
  const where = `s3://${typeof code.S3Bucket === 'string' ? code.S3Bucket : '<bucket>'}/${String(s3Key)}`;
  if (options.assets === undefined || options.assemblyDir === undefined) return { source: 'directory', problem: `the code is in S3 (${where}), not on this machine` };
  if (typeof s3Key !== 'string') return { source: 'directory', problem: 'Code.S3Key is not a plain asset key' };
  const found = findAsset(options.assets, s3Key);
  if (found === undefined) return { source: 'directory', problem: `no asset of the stack's asset manifest is published as ${s3Key}` };
  const { dir, extracted } = assetFolder(options.assemblyDir, found, options.cacheDir);
  return { source: extracted ? 'zip' : 'directory', dir };
}

function inline(resource: TemplateResource, zipFile: unknown, options: LocateOptions): Located {
  const dir = inlineDir(options.cacheDir, options.stackName, resource.logicalId);
  let text: unknown;
  try {
    text = options.resolveStatic(zipFile, 'Properties.Code.ZipFile');
  } catch {
    // It refers to resources: written by writeInlineCode once they exist.
    return { source: 'inline', dir, pendingInline: true };
  }
  if (typeof text !== 'string') return { source: 'inline', problem: 'Code.ZipFile must be a string' };
  writeAtomically(join(dir, 'index.js'), text);
  return { source: 'inline', dir };
}

/**
 * Writes a function's inline code that refers to resources (`pendingInline`), resolving it against
 * the deployed ones.
 *
 * @returns the file written.
 */
export function writeInlineCode(stack: LoadedStack, logicalId: string, lookup: ResourceLookup): string {
  const code = stack.functions.find((fn) => fn.logicalId === logicalId);
  if (code?.source !== 'inline' || code.module === undefined) throw new TemplateError(`${logicalId} has no inline code to write`, { file: stack.file, logicalId });
  const properties = stack.resolver.resolveProperties(logicalId, lookup);
  const text = isPlainObject(properties.Code) ? properties.Code.ZipFile : undefined;
  if (typeof text !== 'string') throw new TemplateError('Code.ZipFile must resolve to a string', { file: stack.file, logicalId, property: 'Properties.Code.ZipFile' });
  writeAtomically(code.module, text);
  return code.module;
}

function isZip(file: string): boolean {
  const header = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return header.readUInt32LE(0) === 0x04034b50;
}

function inlineDir(cacheDir: string, stackName: string, logicalId: string): string {
  return join(cacheDir, 'inline', safe(stackName), logicalId);
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

function staticString(resource: TemplateResource, property: string, options: LocateOptions): string | undefined {
  try {
    const value = options.resolveStatic(resource.properties[property], `Properties.${property}`);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
