import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedStack } from '../templates/types.ts';
import type { RedeployReport } from './redeploy.ts';
import { shownPath } from './shown-path.ts';
import { WatchedFiles } from './watched-files.ts';

export interface StackReloaderOptions {
  /** Template files (`--template`) and cloud assembly manifests (`<cdk.out>/manifest.json`) to watch. */
  files: readonly string[];
  /** CDK projects (`--cdk`) whose sources are watched: a change synthesizes the app again. */
  projects: readonly string[];
  /** Loads the stacks again (for `--cdk`, synthesizing first). */
  load: () => Promise<LoadedStack[]>;
  redeploy: (stacks: readonly LoadedStack[]) => Promise<RedeployReport>;
  /** After a redeploy (functions may have new code paths): hot reload of handlers watches the new set. */
  afterRedeploy?: () => Promise<void>;
  log: (line: string) => void;
  /** Quiet time that ends a burst of saves; default 300 ms (`cdk synth` writes many files). */
  debounceMs?: number;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'cdk.out', 'dist', 'build', 'coverage']);
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|ya?ml)$/;
const MAX_PROJECT_FILES = 5_000;

/**
 * Hot reload of infrastructure: a changed template, a newly synthesized cloud assembly or a changed
 * source of a CDK app deploys the stacks again in place. A template that does not load (a save half
 * done) leaves the running stacks as they are and says why.
 */
export class StackReloader {
  readonly #files: WatchedFiles;

  constructor(private readonly options: StackReloaderOptions) {
    this.#files = new WatchedFiles(options.debounceMs ?? 300, (files) => this.#reload(files));
  }

  start(): void {
    this.#watch();
  }

  /** Resolves once the changes seen so far are redeployed (tests). */
  idle(): Promise<void> {
    return this.#files.idle();
  }

  close(): void {
    this.#files.close();
  }

  async #reload(changed: readonly string[]): Promise<void> {
    const started = performance.now();
    const what = changed.map((file) => shownPath(file)).slice(0, 2).join(', ');
    let stacks: LoadedStack[];
    try {
      stacks = await this.options.load();
    } catch (error) {
      this.options.log(`reload skipped (${what} changed): ${(error as Error).message}; the running stacks are unchanged`);
      return this.#watch();
    }
    try {
      const report = await this.options.redeploy(stacks);
      await this.options.afterRedeploy?.();
      const parts = [
        report.updated.length > 0 && `redeployed ${report.updated.join(', ')}`,
        report.created.length > 0 && `created ${report.created.join(', ')}`,
        report.stopped.length > 0 && `stopped ${report.stopped.join(', ')}`,
      ].filter(Boolean);
      this.options.log(`reloaded: ${parts.join('; ')} (${what} changed) in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      this.options.log(`reload failed (${what} changed): ${(error as Error).message}; a stack it stopped runs again after the next good save`);
    }
    // A synth may have added source files.
    this.#watch();
  }

  #watch(): void {
    this.#files.watch([...this.options.files, ...this.options.projects.flatMap((project) => sourceFiles(project))]);
  }
}

/** The project's own source files, skipping dependencies, build output and dot folders. */
function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (files.length >= MAX_PROJECT_FILES) return;
      // cdk.context.json is the CDK's own cache, written by a synth: watching it would loop.
      if (entry.name.startsWith('.') || entry.name === 'cdk.context.json') continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      else if (entry.isFile() && SOURCE_FILE.test(entry.name)) files.push(path);
    }
  };
  walk(root);
  return files;
}
