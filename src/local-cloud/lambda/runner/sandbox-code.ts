import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildFailure, BuildOptions, Message } from 'esbuild';
import { loadEsbuild } from '../../esbuild.ts';
import { isProcessRunning } from '../../process-running.ts';
import { projectOnlyPlugin } from './bundle-plugin.ts';
import type { FunctionErrorPayload } from './types.ts';

const RUNTIME_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));
/** What the Lambda bundles of `aws/functions.ts` start with: `require` for CommonJS code in an ES module. */
const REQUIRE_BANNER = "import { createRequire as __eventloomCreateRequire } from 'node:module'; const require = __eventloomCreateRequire(import.meta.url);";
/** A module declaring `require` itself — a bundle built with the banner above, as CDK NodejsFunction ESM bundles are. */
const DECLARES_REQUIRE = /(?:^|[;\n])\s*(?:const|let|var)\s+require\s*=/;

export type BuiltModule = { ok: true; url: string } | { ok: false; error: FunctionErrorPayload };

/**
 * The JavaScript sandboxes load, compiled once in the main thread: the runtime loop and each
 * function's handler bundle (its project modules; packages stay external). A worker then needs no
 * TypeScript loader: a loader's hooks run on a thread of their own, one per worker, which cost
 * more memory than the function's code (measured: 46.5 → 25.5 MB RSS per warm ecommerce sandbox).
 * Bundles carry linked source maps, so stack traces name the original files and lines.
 */
export class SandboxCode {
  #dir: string | undefined;
  #builds = 0;

  /** The runtime loop (`worker.ts`), built once. */
  readonly runtime = builtOnce(() => this.#build(RUNTIME_ENTRY, 'runtime', []));

  /** A handler module and the project modules it imports, built afresh on each call (hot reload calls for new code). */
  handler(modulePath: string): Promise<BuiltModule> {
    return this.#build(modulePath, basename(modulePath, extname(modulePath)), [projectOnlyPlugin()]);
  }

  /** Deletes the built files. */
  close(): void {
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }

  async #build(entry: string, name: string, plugins: BuildOptions['plugins']): Promise<BuiltModule> {
    this.#dir ??= newBuildFolder();
    // One folder per build keeps the module's own file name, which Runtime.HandlerNotFound reports.
    const outfile = join(this.#dir, String(++this.#builds), `${name}.mjs`);
    const esbuild = await loadEsbuild();
    try {
      await esbuild.build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: `node${process.versions.node.split('.')[0]}`,
        // Node's resolution, not the bundlers' `module` field and condition.
        mainFields: ['main'],
        conditions: [],
        sourcemap: 'linked',
        sourcesContent: false,
        // Its `require` would clash with the module's own, which serves esbuild's require shim as well.
        ...(!declaresRequire(entry) && { banner: { js: REQUIRE_BANNER } }),
        logLevel: 'silent',
        plugins,
      });
    } catch (error) {
      return { ok: false, error: buildError(entry, error as BuildFailure) };
    }
    return { ok: true, url: pathToFileURL(outfile).href };
  }
}

/** `build` run once and its result kept; a build that failed or threw is forgotten, so the next call builds again. */
export function builtOnce(build: () => Promise<BuiltModule>): () => Promise<BuiltModule> {
  let kept: Promise<BuiltModule> | undefined;
  return () => {
    kept ??= build().then(
      (built) => {
        if (!built.ok) kept = undefined;
        return built;
      },
      (error: unknown) => {
        kept = undefined;
        throw error;
      },
    );
    return kept;
  };
}

/** Whether the module's source declares `require`; a file that cannot be read does not (the build reports it). */
function declaresRequire(file: string): boolean {
  try {
    return DECLARES_REQUIRE.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

const BUILD_FOLDER = /^eventloom-sandboxes-(\d+)-/;

/** A folder named after this process; those of processes that are gone (a kill -9 skips `close`) are removed first. */
function newBuildFolder(): string {
  for (const entry of readdirSync(tmpdir())) {
    const pid = Number(BUILD_FOLDER.exec(entry)?.[1]);
    if (pid > 0 && pid !== process.pid && !isProcessRunning(pid)) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
  }
  return mkdtempSync(join(tmpdir(), `eventloom-sandboxes-${process.pid}-`));
}

/** What loading the module would have thrown in the Lambda runtime: a missing module, else a syntax error. */
function buildError(entry: string, failure: BuildFailure): FunctionErrorPayload {
  const first: Message | undefined = failure.errors?.[0];
  if (!first) return { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: String(failure.message ?? failure) };
  const where = first.location ? ` (${first.location.file}:${first.location.line}:${first.location.column})` : '';
  const unresolved = /^Could not resolve "(.*)"/.exec(first.text);
  if (unresolved || (first.text.startsWith('Could not resolve') && !first.location)) {
    const specifier = unresolved?.[1] ?? entry;
    return { errorType: 'Runtime.ImportModuleError', errorMessage: `Error: Cannot find module '${specifier}'${first.location ? ` imported from ${first.location.file}` : ''}`, trace: [] };
  }
  return { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: `SyntaxError: ${first.text}${where}`, trace: [] };
}
