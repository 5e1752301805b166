import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileEventPattern, InvalidEventPatternException, validateEventPattern } from '../../src/platform/event-pattern/index.ts';

/**
 * EventBridge pattern cases recorded against AWS (TestEventPattern), kept in the shared folder
 * next to the repository: ../shared/conformance/eventbridge-patterns.json.
 */
interface ConformanceCase {
  readonly name: string;
  readonly expect: 'match' | 'no-match' | 'invalid';
  readonly event: unknown;
  readonly pattern: unknown;
  readonly awsError?: { readonly code: string; readonly message: string };
}

const file = fileURLToPath(new URL('../../../shared/conformance/eventbridge-patterns.json', import.meta.url));
const available = existsSync(file);
const cases: readonly ConformanceCase[] = available
  ? (JSON.parse(readFileSync(file, 'utf8')) as { cases: ConformanceCase[] }).cases
  : [];

const matching = cases.filter((c) => c.expect !== 'invalid');
const invalid = cases.filter((c) => c.expect === 'invalid');

describe.skipIf(!available)(
  available ? 'EventBridge pattern conformance (recorded against AWS)' : 'EventBridge pattern conformance — skipped: ../shared/conformance not found',
  () => {
    // Keeps the reason visible in the report when the suite is skipped (it would hold no test).
    if (!available) it('needs ../shared/conformance/eventbridge-patterns.json', () => {});

    it.each(matching.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const matches = compileEventPattern(c.pattern)(c.event);

      expect(matches).toBe(c.expect === 'match');
    });

    it.each(invalid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const thrown = captureError(() => validateEventPattern(c.pattern));

      expect(thrown).toBeInstanceOf(InvalidEventPatternException);
      expect(firstLine((thrown as Error).message)).toBe(firstLine(c.awsError?.message ?? ''));
    });
  },
);

function captureError(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
