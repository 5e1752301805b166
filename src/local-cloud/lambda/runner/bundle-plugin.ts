import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, extname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, Plugin } from 'esbuild';

/** The scopes the Lambda Node.js runtime provides: found in eventloom's node_modules when the handler's folder lacks them. */
const RUNTIME_SCOPES = ['@aws-sdk/', '@smithy/'];
const RUNTIME_DIR = dirname(fileURLToPath(import.meta.url));
const NESTED = Symbol('eventloom-nested-resolve');
const LOADERS: Record<string, Loader> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };
const IMPORT_META = /\bimport\.meta\.(url|dirname|filename)\b/g;
const USES_CJS_PATHS = /\b__(dirname|filename)\b/;
const DECLARES_CJS_PATHS = /\b(?:var|let|const)\s+[^;=()]*\b__(?:dirname|filename)\b|\bfunction\s+__(?:dirname|filename)\b/;

/**
 * Bundles only the project's own modules; a package stays where it is installed, imported by its
 * absolute URL, so it loads as Node would load it (its own `import.meta.url`, `__dirname`, files
 * beside it) wherever the bundle is written. A project module keeps its `import.meta.url`,
 * `dirname` and `filename`, and its `__dirname` and `__filename`.
 */
export function projectOnlyPlugin(): Plugin {
  return {
    name: 'eventloom-project-only',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === NESTED || isBuiltin(args.path)) return undefined;
        const options = { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: NESTED };
        let resolved = await build.resolve(args.path, options);
        if (resolved.errors.length > 0 && RUNTIME_SCOPES.some((scope) => args.path.startsWith(scope))) {
          resolved = await build.resolve(args.path, { ...options, resolveDir: RUNTIME_DIR });
        }
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        // A tsconfig `paths` alias names a project module: bundled like any other.
        if (!resolved.path.split(sep).includes('node_modules')) return { path: resolved.path, namespace: resolved.namespace };
        // `require` takes a path; `import` a URL (a path is not one on Windows).
        const required = args.kind === 'require-call' || args.kind === 'require-resolve';
        return { path: required ? resolved.path : pathToFileURL(resolved.path).href, external: true };
      });
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.namespace !== 'file' || args.path.split(sep).includes('node_modules')) return undefined;
        const source = await readFile(args.path, 'utf8');
        const values = { url: pathToFileURL(args.path).href, dirname: dirname(args.path), filename: args.path };
        let contents = source.replace(IMPORT_META, (_, key: keyof typeof values) => JSON.stringify(values[key]));
        // CommonJS's module-scope names; on the first line, so that the source map's lines still match.
        if (USES_CJS_PATHS.test(contents) && !DECLARES_CJS_PATHS.test(contents)) {
          contents = `var __dirname = ${JSON.stringify(values.dirname)}, __filename = ${JSON.stringify(values.filename)}; ${contents}`;
        }
        if (contents === source) return undefined;
        return { contents, loader: LOADERS[extname(args.path)] ?? 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
