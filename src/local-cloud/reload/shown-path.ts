import { isAbsolute, relative } from 'node:path';

/** A path as a reload line shows it: relative to `root` when inside it, else absolute. */
export function shownPath(file: string, root = process.cwd()): string {
  const inside = relative(root, file);
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}
