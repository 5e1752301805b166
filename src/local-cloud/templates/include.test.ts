import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../test/support/templates/assembly.ts';
import { applyIncludes } from './include.ts';

const work = mkdtempSync(join(tmpdir(), 'templates-include-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

writeFiles(work, {
  'spec/api.yaml': 'openapi: 3.0.1\npaths:\n  /x:\n    get:\n      x-amazon-apigateway-integration:\n        uri: !Sub "arn:${AWS::Partition}:lambda:${Fn.Arn}"\n',
  'loop.yaml': 'A: { "Fn::Transform": { Name: AWS::Include, Parameters: { Location: loop.yaml } } }\n',
});

const include = (location: string) => ({ 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: location } } });

describe('applyIncludes', () => {
  it('replaces a local AWS::Include with the parsed file, tags and all', () => {
    const template = { Resources: { Api: { Type: 'AWS::Serverless::HttpApi', Properties: { DefinitionBody: include('spec/api.yaml') } } } };

    expect(applyIncludes(template, join(work, 'template.yaml'), work, [])).toEqual({
      Resources: {
        Api: {
          Type: 'AWS::Serverless::HttpApi',
          Properties: { DefinitionBody: { openapi: '3.0.1', paths: { '/x': { get: { 'x-amazon-apigateway-integration': { uri: { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${Fn.Arn}' } } } } } } },
        },
      },
    });
  });

  it('leaves S3 locations and other macros alone, and refuses a missing file or a loop', () => {
    const s3 = { A: include('s3://bucket/api.yaml'), B: { 'Fn::Transform': { Name: 'MyMacro' } } };

    expect(applyIncludes(s3, 't.yaml', work, [])).toEqual(s3);
    expect(() => applyIncludes({ A: include('nope.yaml') }, 't.yaml', work, [])).toThrow(/t\.yaml: AWS::Include cannot read nope\.yaml/);
    expect(() => applyIncludes({ A: include('loop.yaml') }, 't.yaml', work, [])).toThrow(/includes itself/);
  });
});
