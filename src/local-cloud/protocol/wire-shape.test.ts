import { describe, expect, it } from 'vitest';
import { wireTypeProblem, type WireShape } from './wire-shape.ts';

const shape: WireShape = { Name: 'string', Count: 'integer', At: 'timestamp', Target: { Arn: 'string' }, Tags: [{ Key: 'string' }] };

describe('wireTypeProblem', () => {
  it('accepts members of the right type, absent and null ones, and members it does not know', () => {
    expect(wireTypeProblem({ Name: 'a', Count: 2, At: 1.5, Target: { Arn: 'x' }, Tags: [{ Key: 'k' }], Other: [] }, shape)).toBeUndefined();
    expect(wireTypeProblem({ Name: null, At: '2024-01-01T00:00:00Z' }, shape)).toBeUndefined();
  });

  it('names the first member of the wrong type by its path', () => {
    expect(wireTypeProblem({ Target: { Arn: 123 } }, shape)).toBe('Target.Arn: expected a string, got a number: 123');
    expect(wireTypeProblem({ Target: 'x' }, shape)).toBe('Target: expected a structure, got a string: "x"');
    expect(wireTypeProblem({ Tags: [{ Key: 'a' }, { Key: [] }] }, shape)).toBe('Tags[1].Key: expected a string, got a list: []');
    expect(wireTypeProblem({ Count: 1.5 }, shape)).toBe('Count: expected an integer, got a number: 1.5');
    expect(wireTypeProblem([], shape)).toBe('the body: expected a structure, got a list: []');
  });
});
