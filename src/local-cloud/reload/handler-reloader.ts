import { projectModules } from './module-graph.ts';
import { shownPath } from './shown-path.ts';
import { WatchedFiles } from './watched-files.ts';

/** A deployed function as hot reload sees it. */
export interface WatchedFunction {
  readonly name: string;
  /** Absolute path of its handler module. */
  readonly modulePath: string;
}

export interface HandlerReloaderOptions {
  /** The functions to watch now (asked again by `refresh`, after a stack redeploy). */
  functions: () => readonly WatchedFunction[];
  /** Ends the function's warm sandboxes (after their running invocation): `FunctionRunner.retire`. */
  retire: (functionName: string) => void;
  /** One line per reload. */
  log: (line: string) => void;
  /** Quiet time that ends a burst of saves; default 100 ms. */
  debounceMs?: number;
  /** Paths in the console line are shown relative to it; default the current directory. */
  projectRoot?: string;
}

/**
 * Hot reload of handler code: watches each function's module and every project module it imports
 * (transitively, not node_modules); a change retires that function's warm sandboxes, so its next
 * invocation loads the new code. Queued messages and stream positions are not touched, and a
 * running invocation finishes on the code it started with.
 */
export class HandlerReloader {
  readonly #files: WatchedFiles;
  /** Function name → the files it loads. */
  #graphs = new Map<string, { modulePath: string; files: readonly string[] }>();

  constructor(private readonly options: HandlerReloaderOptions) {
    this.#files = new WatchedFiles(options.debounceMs ?? 100, (files) => this.#reload(files));
  }

  /** Reads every function's module graph and starts watching. */
  async start(): Promise<void> {
    await this.refresh();
  }

  /** The functions changed (a stack was redeployed): watch the current set. */
  async refresh(): Promise<void> {
    const functions = this.options.functions();
    const graphs = await projectModules(functions.map((fn) => fn.modulePath));
    this.#graphs = new Map(functions.map((fn) => [fn.name, { modulePath: fn.modulePath, files: graphs.get(fn.modulePath) ?? [fn.modulePath] }]));
    this.#watch();
  }

  /** Resolves once the changes seen so far are reloaded (tests). */
  idle(): Promise<void> {
    return this.#files.idle();
  }

  close(): void {
    this.#files.close();
  }

  async #reload(changed: readonly string[]): Promise<void> {
    const started = performance.now();
    const touched = new Set(changed);
    const affected = [...this.#graphs].filter(([, graph]) => graph.files.some((file) => touched.has(file)));
    if (affected.length === 0) return;
    for (const [name] of affected) this.options.retire(name);
    // An edit may add or drop imports: read the graphs of what changed again.
    const modulePaths = affected.map(([, graph]) => graph.modulePath);
    const graphs = await projectModules(modulePaths);
    for (const [name, graph] of affected) this.#graphs.set(name, { ...graph, files: graphs.get(graph.modulePath) ?? [graph.modulePath] });
    this.#watch();
    this.options.log(`reloaded ${names(affected.map(([name]) => name))} (${this.#reason(changed, modulePaths)}) in ${Math.round(performance.now() - started)} ms`);
  }

  #reason(changed: readonly string[], modulePaths: readonly string[]): string {
    if (changed.every((file) => modulePaths.includes(file))) return 'handler changed';
    const root = this.options.projectRoot ?? process.cwd();
    const shown = changed.slice(0, 2).map((file) => shownPath(file, root));
    return `${shown.join(', ')}${changed.length > 2 ? ` and ${changed.length - 2} more` : ''} changed`;
  }

  #watch(): void {
    this.#files.watch([...this.#graphs.values()].flatMap((graph) => graph.files));
  }
}

function names(functions: readonly string[]): string {
  return functions.length <= 3 ? functions.join(', ') : `${functions.slice(0, 3).join(', ')} and ${functions.length - 3} more functions`;
}
