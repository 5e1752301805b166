import { validateEventPattern } from '../../local-cloud/eventbridge/pattern/index.ts';
import type { IssueCollector } from './checks.ts';
import type { EventPattern } from './types.ts';

export function validatePatterns(c: IssueCollector, path: string, patterns: readonly EventPattern[] | undefined, dialect: 'rule' | 'filter'): void {
  if (patterns === undefined) return;
  if (patterns.length > 5) c.add(path, `at most 5 filter patterns, got ${patterns.length}`);
  patterns.forEach((pattern, i) => validatePattern(c, `${path}[${i}]`, pattern, dialect));
}

export function validatePattern(c: IssueCollector, path: string, pattern: EventPattern | undefined, dialect: 'rule' | 'filter'): void {
  try {
    validateEventPattern(pattern, { dialect });
  } catch (error) {
    c.add(path, `invalid event pattern: ${error instanceof Error ? error.message : String(error)}`);
  }
}
