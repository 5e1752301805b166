import { describe, expect, it } from 'vitest';
import { evaluateConditions } from './conditions.ts';
import { TemplateError } from './errors.ts';
import { resolveTemplateValue } from './intrinsics.ts';
import type { ResolveScope } from './intrinsics.ts';
import { pseudoParameters } from './pseudo.ts';
import type { ResourceLookup } from './types.ts';

const { scope } = evaluateConditions(
  { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] } },
  {
    file: 'app/template.yaml',
    region: 'eu-west-1',
    pseudo: pseudoParameters('shop', 'eu-west-1'),
    parameters: new Map<string, string | string[]>([['Env', 'prod'], ['Subnets', ['a', 'b', 'c']], ['Size', '3']]),
    mappings: { Sizes: { prod: { Memory: 1024, Zones: ['x', 'y'] } } },
    resources: new Set(['Queue', 'Api']),
    dropped: new Set(['DevOnly']),
  },
);

const lookup: ResourceLookup = {
  ref: (id) => `ref:${id}`,
  getAtt: (id, attribute) => `att:${id}.${attribute}`,
  importValue: (name) => `import:${name}`,
};

function resolve(value: unknown, inScope: ResolveScope = scope): unknown {
  return resolveTemplateValue(value, inScope, lookup, { logicalId: 'Fn', property: 'Properties.X' });
}

function errorOf(action: () => unknown): TemplateError {
  try {
    action();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('resolveTemplateValue', () => {
  it('resolves Ref to pseudo parameters, parameters and resources', () => {
    expect(resolve({ Ref: 'AWS::AccountId' })).toBe('000000000000');
    expect(resolve({ Ref: 'AWS::Region' })).toBe('eu-west-1');
    expect(resolve({ Ref: 'AWS::Partition' })).toBe('aws');
    expect(resolve({ Ref: 'AWS::StackName' })).toBe('shop');
    expect(resolve({ Ref: 'AWS::StackId' })).toMatch(/^arn:aws:cloudformation:eu-west-1:000000000000:stack\/shop\/[0-9a-f-]{36}$/);
    expect(resolve({ Ref: 'AWS::URLSuffix' })).toBe('amazonaws.com');
    expect(resolve({ Ref: 'Env' })).toBe('prod');
    expect(resolve({ Ref: 'Subnets' })).toEqual(['a', 'b', 'c']);
    expect(resolve({ Ref: 'Queue' })).toBe('ref:Queue');
  });

  it('resolves Fn::GetAtt in both forms, with an attribute given by a parameter', () => {
    expect(resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe('att:Queue.Arn');
    expect(resolve({ 'Fn::GetAtt': 'Api.ApiEndpoint' })).toBe('att:Api.ApiEndpoint');
    expect(resolve({ 'Fn::GetAtt': ['Queue', { Ref: 'Env' }] })).toBe('att:Queue.prod');
  });

  it('resolves Fn::Sub with pseudo parameters, parameters, resources, attributes, escapes and variables', () => {
    expect(resolve({ 'Fn::Sub': '${AWS::StackName}-${Env}-${Queue}-${Queue.Arn}-${!Literal}' })).toBe('shop-prod-ref:Queue-att:Queue.Arn-${Literal}');
    expect(resolve({ 'Fn::Sub': ['${Name}/${AWS::Region}', { Name: { 'Fn::GetAtt': ['Api', 'ApiId'] } }] })).toBe('att:Api.ApiId/eu-west-1');
    expect(resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Queue}' })).toBe(
      'arn:aws:lambda:eu-west-1:000000000000:function:ref:Queue',
    );
  });

  it('resolves Join, Select, Split, FindInMap, GetAZs, Base64, Cidr, Length and ToJsonString', () => {
    expect(resolve({ 'Fn::Join': ['-', ['a', { Ref: 'Env' }, 3]] })).toBe('a-prod-3');
    expect(resolve({ 'Fn::Join': [',', { Ref: 'Subnets' }] })).toBe('a,b,c');
    expect(resolve({ 'Fn::Select': ['1', { Ref: 'Subnets' }] })).toBe('b');
    expect(resolve({ 'Fn::Select': [0, { 'Fn::Split': ['/', 'x/y'] }] })).toBe('x');
    expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Memory'] })).toBe(1024);
    expect(resolve({ 'Fn::FindInMap': ['Sizes', 'dev', 'Memory', { DefaultValue: 128 }] })).toBe(128);
    expect(resolve({ 'Fn::GetAZs': '' })).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(resolve({ 'Fn::Select': [0, { 'Fn::GetAZs': 'us-east-1' }] })).toBe('us-east-1a');
    expect(resolve({ 'Fn::Base64': { 'Fn::Sub': '#!/bin/sh ${Env}' } })).toBe(Buffer.from('#!/bin/sh prod').toString('base64'));
    expect(resolve({ 'Fn::Cidr': ['10.0.0.0/16', 3, 8] })).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(resolve({ 'Fn::Length': { Ref: 'Subnets' } })).toBe(3);
    expect(resolve({ 'Fn::ToJsonString': { a: { Ref: 'Env' } } })).toBe('{"a":"prod"}');
  });

  it('picks the Fn::If branch by condition and removes AWS::NoValue keys and elements', () => {
    const value = {
      Name: { 'Fn::If': ['IsProd', 'big', 'small'] },
      Gone: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'kept'] },
      List: ['a', { 'Fn::If': ['IsDev', 'b', { Ref: 'AWS::NoValue' }] }, 'c'],
      Untaken: { 'Fn::If': ['IsDev', { Ref: 'DevOnly' }, 'safe'] },
    };

    expect(resolve(value)).toEqual({ Name: 'big', List: ['a', 'c'], Untaken: 'safe' });
    expect(resolve({ Ref: 'AWS::NoValue' })).toBeUndefined();
  });

  it('takes Fn::ImportValue from the lookup', () => {
    expect(resolve({ 'Fn::ImportValue': { 'Fn::Sub': '${Env}-url' } })).toBe('import:prod-url');
  });

  it('reports the logical id and the property path of a failure', () => {
    const error = errorOf(() => resolve({ Deep: { List: [0, { 'Fn::Select': [5, { Ref: 'Subnets' }] }] } }));

    expect(error.message).toBe('app/template.yaml: Fn.Properties.X.Deep.List[1]: Fn::Select index 5 is out of range (the list has 3 elements)');
    expect(error.logicalId).toBe('Fn');
    expect(error.property).toBe('Properties.X.Deep.List[1]');
  });

  it.each([
    [{ Ref: 'Missing' }, 'unresolved reference Missing: not a parameter, pseudo parameter or resource of this template'],
    [{ Ref: 'DevOnly' }, 'refers to DevOnly, which its Condition removed from the stack'],
    [{ 'Fn::GetAtt': ['Queue'] }, 'Fn::GetAtt takes [logicalId, attribute], got ["Queue"]'],
    [{ 'Fn::Sub': '${Subnets}' }, 'Fn::Sub variable ${Subnets} must resolve to a string, got ["a","b","c"]'],
    [{ 'Fn::Join': ['', 'abc'] }, 'Fn::Join needs a list, got "abc"'],
    [{ 'Fn::FindInMap': ['Sizes', 'dev', 'Memory'] }, 'Fn::FindInMap: Mappings has no Sizes.dev.Memory'],
    [{ 'Fn::If': ['Nope', 1, 2] }, 'no condition named Nope in Conditions'],
    [{ 'Fn::Transform': { Name: 'AWS::Include' } }, 'Fn::Transform (template macros such as AWS::Include) is not supported locally'],
    [{ 'Fn::Bogus': 1 }, 'Fn::Bogus is not an intrinsic function the local cloud knows'],
  ])('rejects %j: %s', (value, detail) => {
    expect(errorOf(() => resolve(value)).detail).toBe(detail);
  });

  it('wraps a lookup failure with the location', () => {
    const failing: ResourceLookup = { ref: () => { throw new Error('Queue is not deployed yet'); }, getAtt: () => 'x' };

    const error = errorOf(() => resolveTemplateValue({ A: { Ref: 'Queue' } }, scope, failing, { logicalId: 'Rule', property: 'Properties' }));

    expect(error.message).toBe('app/template.yaml: Rule.Properties.A: Queue is not deployed yet');
  });

  it('needs a lookup that knows other stacks for Fn::ImportValue', () => {
    const noImports: ResourceLookup = { ref: () => 'x', getAtt: () => 'x' };

    expect(() => resolveTemplateValue({ 'Fn::ImportValue': 'shared' }, scope, noImports)).toThrow(/Fn::ImportValue shared: no other stack is loaded/);
  });
});
