import { describe, expect, it } from 'vitest';
import { mergeGlobal, readGlobals, withGlobals } from './globals.ts';

describe('readGlobals', () => {
  it('keeps sections by AWS::Serverless type', () => {
    const globals = readGlobals({ Function: { Runtime: 'nodejs22.x' }, HttpApi: { CorsConfiguration: true }, SimpleTable: { SSESpecification: {} } }, 't.yaml');

    expect([...globals.keys()]).toEqual(['AWS::Serverless::Function', 'AWS::Serverless::HttpApi', 'AWS::Serverless::SimpleTable']);
  });

  it('refuses what SAM refuses', () => {
    expect(() => readGlobals({ Queue: {} }, 't.yaml')).toThrow("t.yaml: Globals.Queue: 'Queue' is not supported; Globals sections are Function, Api, HttpApi");
    expect(() => readGlobals({ Function: { FunctionName: 'x' } }, 't.yaml')).toThrow("t.yaml: Globals.Function.FunctionName: 'FunctionName' is not a supported property of 'Function' in Globals");
    expect(() => readGlobals({ Function: [] }, 't.yaml')).toThrow('Globals.Function: must be a mapping');
  });
});

describe('mergeGlobal', () => {
  it('merges maps, concatenates lists and prefers local scalars and intrinsics', () => {
    expect(mergeGlobal({ Variables: { A: '1', B: '2' } }, { Variables: { B: 'b', C: 'c' } })).toEqual({ Variables: { A: '1', B: 'b', C: 'c' } });
    expect(mergeGlobal(['x86_64'], ['arm64'])).toEqual(['x86_64', 'arm64']);
    expect(mergeGlobal(10, 30)).toBe(30);
    expect(mergeGlobal({ Variables: { A: '1' } }, { 'Fn::If': ['C', {}, {}] })).toEqual({ 'Fn::If': ['C', {}, {}] });
    expect(mergeGlobal('s3://bucket/key', { Bucket: 'b', Key: 'k' })).toEqual({ Bucket: 'b', Key: 'k' });
    expect(mergeGlobal({ A: 1 }, undefined)).toEqual({ A: 1 });
  });
});

describe('withGlobals', () => {
  const globals = readGlobals({ Function: { Timeout: 10, MemorySize: 256, Environment: { Variables: { STAGE: 'dev' } } } }, 't.yaml');

  it('adds the type globals to the properties', () => {
    expect(withGlobals(globals, 'AWS::Serverless::Function', { Timeout: 3, Environment: { Variables: { X: '1' } } }, undefined)).toEqual({
      Timeout: 3,
      MemorySize: 256,
      Environment: { Variables: { STAGE: 'dev', X: '1' } },
    });
  });

  it('honours IgnoreGlobals', () => {
    expect(withGlobals(globals, 'AWS::Serverless::Function', {}, '*')).toEqual({});
    expect(withGlobals(globals, 'AWS::Serverless::Function', {}, ['Timeout', 'Environment'])).toEqual({ MemorySize: 256 });
  });
});
