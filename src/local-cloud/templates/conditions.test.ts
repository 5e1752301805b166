import { describe, expect, it } from 'vitest';
import { evaluateConditions } from './conditions.ts';
import { TemplateError } from './errors.ts';
import type { ResolveScope } from './intrinsics.ts';
import { pseudoParameters } from './pseudo.ts';

const base: Omit<ResolveScope, 'condition'> = {
  file: 't.yaml',
  region: 'us-east-1',
  pseudo: pseudoParameters('s', 'us-east-1'),
  parameters: new Map([['Env', 'prod'], ['Count', '3']]),
  mappings: { Stages: { prod: { Big: 'yes' } } },
  resources: new Set(['Queue']),
  dropped: new Set(),
};

describe('evaluateConditions', () => {
  it('evaluates Equals, Not, And, Or and conditions that use other conditions', () => {
    const { values } = evaluateConditions(
      {
        IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
        Three: { 'Fn::Equals': [{ Ref: 'Count' }, 3] },
        East: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
        Big: { 'Fn::Equals': [{ 'Fn::FindInMap': ['Stages', { Ref: 'Env' }, 'Big'] }, 'yes'] },
        Both: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'East' }] },
        Either: { 'Fn::Or': [{ Condition: 'IsDev' }, { 'Fn::Equals': ['a', 'b'] }] },
      },
      base,
    );

    expect(values).toEqual({ IsProd: true, IsDev: false, Three: true, East: true, Big: true, Both: true, Either: false });
  });

  it('rejects a cycle, an unknown condition and a resource reference', () => {
    const cycle = () => evaluateConditions({ A: { 'Fn::Not': [{ Condition: 'B' }] }, B: { 'Fn::Not': [{ Condition: 'A' }] } }, base);
    const unknown = () => evaluateConditions({ A: { 'Fn::Not': [{ Condition: 'Nope' }] } }, base);
    const resource = () => evaluateConditions({ A: { 'Fn::Equals': [{ Ref: 'Queue' }, 'x'] } }, base);

    expect(cycle).toThrow(/cycle: A -> B -> A/);
    expect(unknown).toThrow(/t\.yaml: A: no condition named Nope/);
    expect(resource).toThrow(TemplateError);
    expect(resource).toThrow(/not the resource Queue/);
  });
});
