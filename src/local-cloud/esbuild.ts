import type * as Esbuild from 'esbuild';

let loaded: typeof Esbuild | undefined;

/**
 * esbuild, for SAM's `BuildMethod: esbuild` and hot reload's module graphs; it runs one service
 * child process for all builds of this process, which `stopEsbuild` ends.
 * @throws what `import('esbuild')` throws when the package is missing.
 */
export async function loadEsbuild(): Promise<typeof Esbuild> {
  loaded ??= await import('esbuild');
  return loaded;
}

/** Ends esbuild's service child process, if a build started one (a later build starts it again). */
export async function stopEsbuild(): Promise<void> {
  await loaded?.stop();
}
