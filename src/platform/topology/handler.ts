/**
 * Splits a topology handler `path/to/module.ts#exportName` (export defaults to `handler`); the export
 * is what follows the last `#`, so a path may itself hold one.
 */
export function parseHandler(handler: string): { file: string; exportName: string } {
  const hash = handler.lastIndexOf('#');
  return hash === -1 ? { file: handler, exportName: 'handler' } : { file: handler.slice(0, hash), exportName: handler.slice(hash + 1) || 'handler' };
}
