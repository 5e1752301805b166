import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** A Lambda handler string split as the Node.js runtime splits it. */
export interface HandlerParts {
  /** Folder part before the last `/` (`src/handlers` in `src/handlers/app.main`), may be empty. */
  readonly moduleRoot: string;
  /** Module name: the last segment up to its first dot (`app`). */
  readonly module: string;
  /** What follows that dot; a dotted path names nested properties (`handlers.main`). */
  readonly exportName: string;
}

/** Splits `dir/module.export` like the Node.js runtime (`_moduleRootAndHandler`, `_splitHandlerString`). */
export function parseHandler(handler: string): HandlerParts | undefined {
  const slash = handler.lastIndexOf('/');
  const base = handler.slice(slash + 1);
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match || match[1] === '' || match[2] === '') return undefined;
  return { moduleRoot: handler.slice(0, slash + 1), module: match[1]!, exportName: match[2]! };
}

/** The extensions the runtime tries, in its order: none, `.js`, `.mjs`, `.cjs`. */
const EXTENSIONS = ['', '.js', '.mjs', '.cjs'];

/** The absolute file a handler loads from in `dir`, or undefined when there is none. */
export function findHandlerModule(dir: string, parts: HandlerParts): string | undefined {
  const base = resolve(dir, parts.moduleRoot, parts.module);
  return EXTENSIONS.map((extension) => `${base}${extension}`).find((file) => existsSync(file) && statSync(file).isFile());
}
