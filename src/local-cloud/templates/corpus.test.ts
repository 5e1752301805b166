import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCloudAssembly, loadTemplate } from './load.ts';
import { physicalName } from './physical-names.ts';
import type { LoadedStack, ResourceLookup } from './types.ts';
import { functionProblems, unsupportedResources } from './validate.ts';

/**
 * Every app of the shared corpus (`../shared/corpus`, real serverless-patterns apps) must load: the
 * resources and outputs its steps name exist, nothing is unsupported, every function can run, and
 * every property and output resolves.
 */
const corpus = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const manifestFile = join(corpus, 'manifest.json');

interface Entry {
  readonly name: string;
  readonly template?: string;
  readonly cdkOut?: string;
  readonly stacks?: string[];
  readonly steps: unknown[];
}

const cacheDir = mkdtempSync(join(tmpdir(), 'templates-corpus-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** A deployed cloud's answers, shaped like AWS's (enough for every intrinsic to resolve). */
const lookup: ResourceLookup = {
  ref: (id) => `ref-${id}`,
  getAtt: (id, attribute) => `arn:aws:local:us-east-1:000000000000:${id}/${attribute}`,
  importValue: (name) => `import-${name}`,
};

function named(steps: unknown, key: 'logicalId' | 'output' | 'apiId', into = new Set<string>()): Set<string> {
  if (Array.isArray(steps)) steps.forEach((step) => named(step, key, into));
  else if (steps !== null && typeof steps === 'object') {
    const value = (steps as Record<string, unknown>)[key];
    if (typeof value === 'string') into.add(value);
    Object.values(steps).forEach((child) => named(child, key, into));
  }
  return into;
}

async function load(entry: Entry): Promise<LoadedStack[]> {
  if (entry.template) return [await loadTemplate(join(corpus, entry.template), { cacheDir })];
  return loadCloudAssembly(join(corpus, entry.cdkOut!), { stacks: entry.stacks, cacheDir });
}

if (!existsSync(manifestFile)) {
  it.skip('corpus: ../shared/corpus is absent (the shared corpus is not checked out beside this repository)', () => {});
} else {
  const entries = (JSON.parse(readFileSync(manifestFile, 'utf8')) as { patterns: Entry[] }).patterns;
  describe('the serverless-patterns corpus loads', () => {
    for (const entry of entries) {
      const assembly = entry.cdkOut === undefined ? undefined : join(corpus, entry.cdkOut, 'manifest.json');
      if (assembly !== undefined && !existsSync(assembly)) {
        it.skip(`${entry.name}: ${entry.cdkOut} is not in the shared corpus (the pattern's .gitignore kept cdk.out out of the copy; synthesize it)`, () => {});
        continue;
      }
      it(entry.name, async () => {
        const stacks = await load(entry);

        const ids = new Set(stacks.flatMap((stack) => stack.resources.map((resource) => resource.logicalId)));
        const outputs = new Set(stacks.flatMap((stack) => stack.outputs.map((output) => output.key)));
        expect([...named(entry.steps, 'logicalId'), ...named(entry.steps, 'apiId')].filter((id) => !ids.has(id))).toEqual([]);
        expect([...named(entry.steps, 'output')].filter((key) => !outputs.has(key))).toEqual([]);
        for (const stack of stacks) {
          if (entry.template) expect(stack.name).toBe(dirname(entry.template).split('/').pop());
          expect(unsupportedResources(stack)).toEqual([]);
          expect(functionProblems(stack)).toEqual([]);
          for (const resource of stack.resources) {
            const properties = stack.resolver.resolveProperties(resource.logicalId, lookup);
            expect(physicalName({ stackName: stack.name, logicalId: resource.logicalId, type: resource.type, properties })).not.toBe('');
          }
          expect(stack.resolver.resolveOutputs(lookup).map((output) => output.key)).toEqual(stack.outputs.map((output) => output.key));
          expect(stack.order).toHaveLength(stack.resources.length);
        }
      });
    }
  });
}
