import type { LocalCloud } from '../cloud.ts';
import type { LoadedStack } from '../templates/types.ts';
import { HandlerReloader } from './handler-reloader.ts';
import { StackReloader } from './stack-reloader.ts';

export interface HotReloadOptions {
  /** Template files and cloud assembly manifests whose change redeploys the stacks; default none. */
  stackFiles?: readonly string[];
  /** CDK projects whose sources' change synthesizes and redeploys; default none. */
  cdkProjects?: readonly string[];
  /** Loads the stacks again; required with `stackFiles` or `cdkProjects`. */
  loadStacks?: () => Promise<LoadedStack[]>;
  /** Receives one line per reload. */
  log: (line: string) => void;
  /** Quiet time ending a burst of saves; default 100 ms for handlers, 300 ms for stacks. */
  debounceMs?: number;
}

export interface HotReload {
  /** Resolves once every change seen so far is reloaded. */
  idle(): Promise<void>;
  close(): void;
}

/**
 * Watches a running cloud's code (`eventloom up` does, unless `--no-watch`): handler modules and
 * what they import reload their function; templates, cloud assemblies and CDK sources redeploy.
 *
 * @example
 * const reload = await startHotReload(cloud, { stackFiles: ['/app/template.yaml'], loadStacks, log: console.log });
 * // … edit a handler: "reloaded orders-fn (handler changed) in 12 ms"
 * reload.close();
 */
export async function startHotReload(cloud: LocalCloud, options: HotReloadOptions): Promise<HotReload> {
  const { log } = options;
  const handlers = new HandlerReloader({
    functions: () => [...cloud.apps.map((app) => app.stack), ...cloud.stacks].flatMap((stack) => stack.compute.functions),
    retire: (name) => {
      if (cloud.services.runner.has(name)) cloud.services.runner.retire(name);
    },
    log,
    ...(options.debounceMs !== undefined && { debounceMs: options.debounceMs }),
  });
  await handlers.start();
  const watchesStacks = (options.stackFiles?.length ?? 0) + (options.cdkProjects?.length ?? 0) > 0;
  const stacks =
    watchesStacks && options.loadStacks
      ? new StackReloader({
          files: options.stackFiles ?? [],
          projects: options.cdkProjects ?? [],
          load: options.loadStacks,
          redeploy: (loaded) => cloud.redeployStacks(loaded),
          afterRedeploy: () => handlers.refresh(),
          log,
          ...(options.debounceMs !== undefined && { debounceMs: options.debounceMs }),
        })
      : undefined;
  stacks?.start();
  return {
    idle: async () => {
      await stacks?.idle();
      await handlers.idle();
    },
    close: () => {
      stacks?.close();
      handlers.close();
    },
  };
}
