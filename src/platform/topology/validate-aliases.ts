import type { IssueCollector } from './checks.ts';
import type { AppDef } from './types.ts';

/** Lambda's function-name characters and length. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** `localAliases`: Lambda function names, each used once in the app and never a function's own physical name. */
export function validateLocalAliases(c: IssueCollector, app: AppDef): void {
  const physical = new Set(Object.keys(app.functions ?? {}).map((logical) => `${app.name}-${logical}`));
  const seen = new Map<string, string>();
  for (const [logical, fn] of Object.entries(app.functions ?? {})) {
    if (fn.localAliases === undefined) continue;
    const path = `functions.${logical}.localAliases`;
    if (!Array.isArray(fn.localAliases)) {
      c.add(path, 'must be a list of function names');
      continue;
    }
    for (const alias of fn.localAliases as readonly unknown[]) {
      if (typeof alias !== 'string' || !FUNCTION_NAME.test(alias)) {
        c.add(path, `"${String(alias)}" is not a Lambda function name (1-64 letters, digits, - or _)`);
      } else if (physical.has(alias)) {
        c.add(path, `"${alias}" is already the name of a function of this app`);
      } else if (seen.has(alias)) {
        c.add(path, `"${alias}" is already an alias of ${seen.get(alias)}`);
      } else {
        seen.set(alias, `functions.${logical}`);
      }
    }
  }
}
