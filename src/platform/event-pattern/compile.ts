import { checkWildcardComplexity } from './complexity.ts';
import { readPattern } from './input.ts';
import { PatternRunner } from './runtime.ts';
import { patternBranches } from './structure.ts';
import type { EventMatcher, EventPatternOptions, PatternBranches } from './types.ts';

function branchesOf(pattern: unknown, options: EventPatternOptions): PatternBranches {
  const branches = patternBranches(readPattern(pattern), { dialect: options.dialect ?? 'rule' });
  checkWildcardComplexity(branches);
  return branches;
}

/**
 * Throws `InvalidEventPatternException` (with AWS's message) when EventBridge would refuse the
 * pattern. Accepts JSON text or a value.
 *
 * @example
 * validateEventPattern('{"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}', { dialect: 'filter' });
 * // throws: Event pattern is not valid. Reason: Unsupported anything-but pattern: prefix
 */
export function validateEventPattern(pattern: unknown, options: EventPatternOptions = {}): void {
  branchesOf(pattern, options);
}

/**
 * Validates the pattern once and returns a matcher to run on every event. The matcher walks the
 * event object in place (no flattening, no JSON parsing), so it is cheap on the hot path.
 *
 * @example
 * const isOrderPlaced = compileEventPattern({ source: ['shop.orders'], detail: { total: [{ numeric: ['>', 100] }] } });
 * isOrderPlaced({ source: 'shop.orders', detail: { total: 250 } }); // true
 */
export function compileEventPattern(pattern: unknown, options: EventPatternOptions = {}): EventMatcher {
  const runner = new PatternRunner(branchesOf(pattern, options));
  return (event) => runner.matches(event);
}

/**
 * One-off check of an event against a pattern (what TestEventPattern does). Compiles each call;
 * use `compileEventPattern` for a pattern applied to many events.
 */
export function matchesEventPattern(pattern: unknown, event: unknown, options: EventPatternOptions = {}): boolean {
  return compileEventPattern(pattern, options)(event);
}
