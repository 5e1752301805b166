import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FunctionRunner } from './function-runner.ts';
import type { FunctionConfig } from './types.ts';

const echo = fileURLToPath(new URL('../../../../test/fixtures/functions/echo.ts', import.meta.url));
const config = (name: string, aliases?: string[]): FunctionConfig => ({
  name,
  modulePath: echo,
  exportName: 'handler',
  environment: {},
  timeoutSeconds: 5,
  memoryMb: 128,
  ...(aliases && { aliases }),
});

describe('FunctionRunner aliases (topology localAliases)', () => {
  const runner = new FunctionRunner({ output: () => {} });
  afterAll(() => runner.close());

  it('invokes the same function, pool and sandbox under its alias', async () => {
    // Prepare
    runner.register(config('app-api', ['app-local-api']));

    // Act
    const direct = await runner.invoke('app-api', { n: 1 });
    const aliased = await runner.invoke('app-local-api', { n: 2 });

    // Assess: the alias reuses the warm sandbox and reports the function's own name
    expect(runner.has('app-local-api')).toBe(true);
    expect(runner.list()).toEqual(['app-api']);
    expect(direct).toMatchObject({ ok: true, coldStart: true });
    expect(aliased).toMatchObject({ ok: true, coldStart: false, payload: { event: { n: 2 }, functionName: 'app-api' } });
    expect(runner.stats('app-local-api').invocations).toBe(2);
  });

  it('drops aliases a new registration no longer declares', () => {
    runner.register(config('app-worker', ['old-name']));
    runner.register(config('app-worker', ['new-name']));
    expect(runner.has('old-name')).toBe(false);
    expect(runner.has('new-name')).toBe(true);
  });

  it('refuses an alias taken by another function or its alias, and invalid names', () => {
    expect(() => runner.register(config('other', ['app-api']))).toThrow(/already taken/);
    expect(() => runner.register(config('other', ['app-local-api']))).toThrow(/already taken by app-api/);
    expect(() => runner.register(config('app-local-api'))).toThrow(/already an alias of app-api/);
    expect(() => runner.register(config('other', ['bad name']))).toThrow(/alias "bad name"/);
  });
});
