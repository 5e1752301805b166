import type { AppDef } from '../platform/topology/types.ts';
import { includesDevOnly, type ResolvedOptions } from './options.ts';

/** Which HTTP APIs and functions of an app a stage deploys. */
export interface Selection {
  readonly httpApis: ReadonlySet<string>;
  readonly functions: ReadonlySet<string>;
}

/**
 * Leaves out `devOnly` APIs unless the testing API is enabled, and the functions only they route to:
 * a chaos function without its API would be dead code holding write access to the tables.
 */
export function selectResources(app: AppDef, options: ResolvedOptions): Selection {
  const apis = Object.entries(app.httpApis ?? {});
  const kept = apis.filter(([, api]) => !api.devOnly || includesDevOnly(options));
  const dropped = apis.filter(([, api]) => api.devOnly && !includesDevOnly(options));
  const used = new Set<string>();
  for (const [, api] of kept) for (const route of api.routes) used.add(route.function);
  for (const rule of Object.values(app.rules ?? {})) for (const target of rule.targets) if ('function' in target) used.add(target.function);
  const onlyDropped = new Set<string>();
  for (const [, api] of dropped) for (const route of api.routes) if (!used.has(route.function)) onlyDropped.add(route.function);
  const functions = Object.entries(app.functions ?? {})
    .filter(([name, fn]) => !onlyDropped.has(name) || (fn.triggers?.length ?? 0) > 0)
    .map(([name]) => name);
  return { httpApis: new Set(kept.map(([name]) => name)), functions: new Set(functions) };
}
