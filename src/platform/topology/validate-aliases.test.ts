import { describe, expect, it } from 'vitest';
import { collectIssues } from './validate.ts';
import type { AppDef, FunctionDef } from './types.ts';

const fn = (localAliases?: readonly string[]): FunctionDef => ({ handler: 'src/x.ts#handler', ...(localAliases && { localAliases }) });
const app = (functions: Record<string, FunctionDef>): AppDef => ({ name: 'shop', functions });
const aliasIssues = (functions: Record<string, FunctionDef>) => collectIssues(app(functions)).filter((issue) => issue.path.endsWith('.localAliases'));

describe('topology localAliases', () => {
  it('accepts Lambda function names used once', () => {
    expect(aliasIssues({ api: fn(['shop-local-api', 'legacy_api']), worker: fn(['other']) })).toEqual([]);
  });

  it('rejects invalid names, duplicates across functions and a function physical name', () => {
    expect(aliasIssues({ api: fn(['bad name', 'x'.repeat(65), 'shared', 'shop-worker']), worker: fn(['shared']) })).toEqual([
      { path: 'functions.api.localAliases', message: expect.stringContaining('"bad name" is not a Lambda function name') },
      { path: 'functions.api.localAliases', message: expect.stringContaining('is not a Lambda function name') },
      { path: 'functions.api.localAliases', message: '"shop-worker" is already the name of a function of this app' },
      { path: 'functions.worker.localAliases', message: '"shared" is already an alias of functions.api' },
    ]);
  });
});
