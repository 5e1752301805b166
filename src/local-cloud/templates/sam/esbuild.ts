import { mkdirSync, rmSync } from 'node:fs';
import type { BuildOptions, Loader } from 'esbuild';
import { resolve } from 'node:path';
import { loadEsbuild } from '../../esbuild.ts';
import { TemplateError } from '../errors.ts';
import { isPlainObject } from '../intrinsics.ts';

/** The SDK the Lambda Node.js runtime provides: a bundle may leave it out, as functions deployed by SAM often do. */
const RUNTIME_SDK = '@aws-sdk/*';

/**
 * Bundles a function whose `Metadata` says `BuildMethod: esbuild`, as `sam build` does: each of
 * `BuildProperties.EntryPoints` (relative to `CodeUri`) bundled for Node into `outDir`, with SAM's
 * defaults (`Format: cjs`, `Target: es2020`, `Minify: true`, `Sourcemap: false`). When `@aws-sdk/*`
 * packages are not installed, it bundles again with them external (the Lambda runtime provides SDK
 * v3, and so does the local cloud) and reports what is still missing.
 *
 * @throws TemplateError naming what esbuild could not do.
 */
export async function buildWithEsbuild(codeDir: string, buildProperties: unknown, outDir: string): Promise<void> {
  const props = isPlainObject(buildProperties) ? buildProperties : {};
  const entryPoints = [props.EntryPoints].flat().filter((entry): entry is string => typeof entry === 'string');
  if (entryPoints.length === 0) throw new TemplateError('BuildMethod esbuild needs BuildProperties.EntryPoints');
  let esbuild: { build(options: BuildOptions): Promise<unknown> };
  try {
    esbuild = await loadEsbuild();
  } catch (error) {
    throw new TemplateError('BuildMethod esbuild needs the esbuild package (npm install --save-dev esbuild)', { cause: error });
  }
  const external = [props.External].flat().filter((entry): entry is string => typeof entry === 'string');
  const options = {
    absWorkingDir: codeDir,
    entryPoints: entryPoints.map((entry) => resolve(codeDir, entry)),
    bundle: true,
    platform: 'node' as const,
    outdir: outDir,
    format: props.Format === 'esm' ? ('esm' as const) : ('cjs' as const),
    target: typeof props.Target === 'string' ? props.Target : 'es2020',
    minify: props.Minify === undefined ? true : props.Minify === true || props.Minify === 'true',
    sourcemap: props.Sourcemap === true || props.Sourcemap === 'true',
    mainFields: typeof props.MainFields === 'string' ? props.MainFields.split(',') : undefined,
    loader: pairs(props.Loader) as Record<string, Loader> | undefined,
    outExtension: pairs(props.OutExtension),
    banner: pairs(props.Banner),
    logLevel: 'silent' as const,
  };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  try {
    await esbuild.build({ ...options, external });
  } catch (first) {
    const retry = missesSdk(first) ? await esbuild.build({ ...options, external: [...external, RUNTIME_SDK] }).then(() => undefined, (error: unknown) => error) : first;
    if (retry !== undefined) throw new TemplateError(`esbuild could not bundle ${entryPoints.join(', ')}: ${describe(retry)}`, { cause: retry });
  }
}

/** SAM writes `Loader`, `OutExtension` and `Banner` as `["key=value", …]` (or one string). */
function pairs(value: unknown): Record<string, string> | undefined {
  const items = [value].flat().filter((item): item is string => typeof item === 'string' && item.includes('='));
  if (items.length === 0) return undefined;
  return Object.fromEntries(items.map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]));
}

function failures(error: unknown): { text: string }[] {
  return isPlainObject(error) && Array.isArray(error.errors) ? (error.errors as { text: string }[]) : [];
}

function missesSdk(error: unknown): boolean {
  return failures(error).some((e) => /^Could not resolve "@aws-sdk\//.test(e.text));
}

function describe(error: unknown): string {
  const errors = failures(error);
  return errors.length > 0 ? errors.map((e) => e.text).join('; ') : error instanceof Error ? error.message : String(error);
}
