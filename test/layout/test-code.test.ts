import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TEST_DIR = join(ROOT, 'test');

/** Every TypeScript file under `dir`, as paths relative to the repository root. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** The relative module specifiers of a file (static imports, re-exports and dynamic imports). */
function relativeImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
}

const isTest = (file: string) => file.endsWith('.test.ts');

describe('test code stays out of production folders', () => {
  const files = sourceFiles(join(ROOT, 'src'));

  it('no production file under src/ imports from test/ (fixtures live in test/support/)', () => {
    const offenders = files
      .filter((file) => !isTest(file))
      .flatMap((file) => relativeImports(file).filter((spec) => resolve(ROOT, dirname(file), spec).startsWith(`${TEST_DIR}/`)).map((spec) => `${file} → ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('no test helper hides under src/ as a fixtures module', () => {
    expect(files.filter((file) => /(^|\/)(test-)?fixtures?\.ts$|\.test-support\.ts$/.test(file))).toEqual([]);
  });
});
