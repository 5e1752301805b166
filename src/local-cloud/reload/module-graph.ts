import { isAbsolute, join, resolve, sep } from 'node:path';
import { tmpdir } from 'node:os';
import type * as Esbuild from 'esbuild';
import { loadEsbuild } from '../esbuild.ts';

/**
 * The files each handler module loads, transitively, within the project: itself and every local
 * module it imports (TypeScript or JavaScript, ESM or CommonJS), not what lies in node_modules.
 * Read from the metafile of one esbuild bundle of them all that is never written; without esbuild,
 * or for a module that does not parse (a save half done), just the module itself.
 */
export async function projectModules(modulePaths: readonly string[]): Promise<Map<string, string[]>> {
  const graphs = new Map(modulePaths.map((path) => [path, [path]]));
  if (modulePaths.length === 0) return graphs;
  let esbuild: typeof Esbuild;
  try {
    esbuild = await loadEsbuild();
  } catch {
    return graphs;
  }
  const result = await esbuild
    .build({
      entryPoints: [...new Set(modulePaths)],
      bundle: true,
      write: false,
      metafile: true,
      outdir: join(tmpdir(), 'eventloom-module-graph'),
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    })
    .catch(() => undefined);
  if (!result) return modulePaths.length === 1 ? graphs : oneByOne(modulePaths, graphs);
  // Walked from the inputs' import edges: an output lists only inputs that kept code after tree shaking.
  const inputs = result.metafile.inputs;
  for (const entry of modulePaths) {
    const key = Object.keys(inputs).find((input) => absolute(input) === entry);
    if (key === undefined) continue;
    const seen = new Set([key]);
    for (const input of seen) {
      for (const edge of inputs[input]?.imports ?? []) if (!edge.external && edge.path in inputs) seen.add(edge.path);
    }
    graphs.set(entry, [...seen].filter((input) => !input.includes(':')).map(absolute).filter((file) => !file.split(sep).includes('node_modules')));
  }
  return graphs;
}

function absolute(input: string): string {
  return isAbsolute(input) ? input : resolve(process.cwd(), input);
}

/** One module that does not parse fails the whole bundle: the others still get their graphs. */
async function oneByOne(modulePaths: readonly string[], graphs: Map<string, string[]>): Promise<Map<string, string[]>> {
  for (const path of modulePaths) graphs.set(path, (await projectModules([path])).get(path)!);
  return graphs;
}
