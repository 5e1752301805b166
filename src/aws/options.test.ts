import { describe, expect, it } from 'vitest';
import { DEFAULT_PROJECT_ROOT, includesDevOnly, optionsFromContext, resolveOptions } from './options.ts';

describe('resolveOptions', () => {
  it('defaults to eventloom, dev, real bundling, the repository root and no testing API', () => {
    expect(resolveOptions()).toEqual({ prefix: 'eventloom', stage: 'dev', enableTestingApi: false, code: 'esbuild', projectRoot: DEFAULT_PROJECT_ROOT });
  });

  it('rejects a stage or prefix that cannot be part of a name, naming the fix', () => {
    expect(() => resolveOptions({ stage: 'Prod!' })).toThrow(/stage "Prod!" is invalid.*--stage dev/);
    expect(() => resolveOptions({ prefix: '' })).toThrow(/prefix "" is invalid.*--prefix eventloom/);
    expect(() => resolveOptions({ stage: 'a'.repeat(33) })).toThrow(/stage/);
    expect(resolveOptions({ stage: 'a'.repeat(32), prefix: 'acme-2' })).toMatchObject({ stage: 'a'.repeat(32), prefix: 'acme-2' });
  });
});

describe('optionsFromContext', () => {
  it('reads stage, prefix and enableTestingApi from CDK context, as text', () => {
    const context: Record<string, unknown> = { stage: 'prod', prefix: 'acme', enableTestingApi: 'true' };
    expect(optionsFromContext((key) => context[key])).toMatchObject({ stage: 'prod', prefix: 'acme', enableTestingApi: true });
  });

  it('keeps the defaults for absent keys', () => {
    expect(optionsFromContext(() => undefined)).toMatchObject({ stage: 'dev', prefix: 'eventloom', enableTestingApi: false });
  });
});

describe('includesDevOnly', () => {
  it.each([
    ['dev', false, false],
    ['dev', true, true],
    ['prod', false, false],
    ['prod', true, true],
  ])('stage %s, testing API enabled %s → %s', (stage, enableTestingApi, included) => {
    expect(includesDevOnly(resolveOptions({ stage, enableTestingApi }))).toBe(included);
  });
});
