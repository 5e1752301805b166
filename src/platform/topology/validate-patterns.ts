import { validateEventPattern } from '../event-pattern/index.ts';
import type { IssueCollector } from './checks.ts';
import { refTarget, replaceRefs } from './refs.ts';
import type { AppDef, EventPattern } from './types.ts';

export function validatePatterns(
  c: IssueCollector,
  app: AppDef,
  path: string,
  patterns: readonly EventPattern[] | undefined,
  dialect: 'rule' | 'filter',
): void {
  if (patterns === undefined) return;
  if (patterns.length > 5) c.add(path, `at most 5 filter patterns, got ${patterns.length}`);
  patterns.forEach((pattern, i) => validatePattern(c, app, `${path}[${i}]`, pattern, dialect));
}

/** Validates a pattern with AWS's rules; resource references inside it must name declared resources. */
export function validatePattern(c: IssueCollector, app: AppDef, path: string, pattern: EventPattern | undefined, dialect: 'rule' | 'filter'): void {
  const concrete = replaceRefs(pattern, (ref) => {
    const { section, kind } = refTarget(ref);
    c.ref(path, kind, ref.name, app[section]);
    return `arn:aws:placeholder:::${ref.ref}/${ref.name}`;
  });
  try {
    validateEventPattern(concrete, { dialect });
  } catch (error) {
    c.add(path, `invalid event pattern: ${error instanceof Error ? error.message : String(error)}`);
  }
}
