import type { AppDef } from '../platform/topology/types.ts';

/** Physical name of an app's resource in the local cloud: `<app>-<logical>`. */
export function physicalName(app: AppDef | string, logical: string): string {
  return `${typeof app === 'string' ? app : app.name}-${logical}`;
}

/** Splits `path/to/module.ts#exportName` (export defaults to `handler`). */
export function parseHandler(handler: string): { modulePath: string; exportName: string } {
  const hash = handler.lastIndexOf('#');
  return hash === -1 ? { modulePath: handler, exportName: 'handler' } : { modulePath: handler.slice(0, hash), exportName: handler.slice(hash + 1) };
}
