import { describe, expect, it } from 'vitest';
import { dependencyOrder, resourceDependencies } from './order.ts';
import { referencedNames } from './refs.ts';
import type { TemplateResource } from './types.ts';

function resource(logicalId: string, properties: Record<string, unknown> = {}, dependsOn: string[] = []): TemplateResource {
  return { logicalId, type: 'AWS::SQS::Queue', properties, dependsOn, metadata: {} };
}

describe('referencedNames', () => {
  it('finds Ref, GetAtt (both forms), Sub variables and every If branch, without pseudo parameters', () => {
    const value = {
      A: { Ref: 'Queue' },
      B: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
      C: { 'Fn::GetAtt': 'Api.ApiEndpoint' },
      D: { 'Fn::Sub': '${Bucket}/${Fn.Arn}/${AWS::Region}/${!Escaped}' },
      E: { 'Fn::Sub': ['${Local}-${Topic}', { Local: { Ref: 'Param' } }] },
      F: { 'Fn::If': ['Cond', { Ref: 'Yes' }, { Ref: 'No' }] },
      G: [{ 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, { Ref: 'Deep' }]] }],
    };

    expect([...referencedNames(value)].sort()).toEqual(['Api', 'Bucket', 'Deep', 'Fn', 'No', 'Param', 'Queue', 'Table', 'Topic', 'Yes']);
  });
});

describe('dependencyOrder', () => {
  it('puts what a resource refers to or depends on first, otherwise keeps template order', () => {
    const resources = [
      resource('Mapping', { EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, FunctionName: { Ref: 'Fn' } }),
      resource('Fn', { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Env: { 'Fn::Sub': '${Param}' } }),
      resource('Queue'),
      resource('Role', {}, ['Queue']),
      resource('Other'),
    ];

    expect(dependencyOrder(resources, 't.yaml')).toEqual(['Queue', 'Role', 'Fn', 'Mapping', 'Other']);
    expect(resourceDependencies(resources).get('Fn')).toEqual(new Set(['Role']));
  });

  it('ignores the references of SAM resources the transform did not expand', () => {
    const resources = [{ ...resource('Graph', { Functions: { F: { DataSource: { 'Fn::GetAtt': ['Source', 'Name'] } } } }), type: 'AWS::Serverless::GraphQLApi' }, resource('Source', { ApiId: { 'Fn::GetAtt': ['Graph', 'ApiId'] } })];

    expect(dependencyOrder(resources, 't.yaml')).toEqual(['Graph', 'Source']);
  });

  it('names a cycle', () => {
    const resources = [resource('Free'), resource('A', { X: { Ref: 'B' } }), resource('B', {}, ['C']), resource('C', { Y: { 'Fn::GetAtt': ['A', 'Arn'] } })];

    expect(() => dependencyOrder(resources, 't.yaml')).toThrow('t.yaml: circular dependency between resources: A -> B -> C -> A');
  });
});
