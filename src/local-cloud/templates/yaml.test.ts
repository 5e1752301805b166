import { describe, expect, it } from 'vitest';
import { TemplateError } from './errors.ts';
import type { TemplateWarning } from './types.ts';
import { parseTemplate } from './yaml.ts';

function errorOf(action: () => unknown): TemplateError {
  try {
    action();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('parseTemplate', () => {
  it('turns short-form tags into the long JSON form', () => {
    const yaml = [
      'Resources:',
      '  Q:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      A: !Ref Param',
      '      B: !GetAtt Fn.Arn',
      '      C: !GetAtt [Fn, Arn]',
      '      D: !GetAtt Stack.Outputs.Url',
      '      E: !Sub ${AWS::StackName}-q',
      '      F: !Sub [ "${X}-q", { X: !Ref Param } ]',
      "      G: !Join [ '', [ a, !Ref Param ] ]",
      "      H: !Select [ 0, !GetAZs '' ]",
      "      I: !Split [ ',', 'a,b' ]",
      '      J: !If [ IsProd, !Ref AWS::NoValue, x ]',
      '      K: !FindInMap [ M, !Ref AWS::Region, Key ]',
      '      L: !Base64 hello',
      '      M: !ImportValue shared-url',
      '      N: !Cidr [ 10.0.0.0/16, 2, 8 ]',
      '      O: !GetAZs',
      'Conditions:',
      '  IsProd: !Equals [ !Ref Env, prod ]',
      '  NotProd: !Not [ !Condition IsProd ]',
      '  Both: !And [ !Condition IsProd, !Or [ !Condition NotProd, !Equals [ a, a ] ] ]',
    ].join('\n');

    const template = parseTemplate(yaml, 'template.yaml');

    const props = (template.Resources as Record<string, { Properties: Record<string, unknown> }>).Q!.Properties;
    expect(props).toEqual({
      A: { Ref: 'Param' },
      B: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      C: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      D: { 'Fn::GetAtt': ['Stack', 'Outputs.Url'] },
      E: { 'Fn::Sub': '${AWS::StackName}-q' },
      F: { 'Fn::Sub': ['${X}-q', { X: { Ref: 'Param' } }] },
      G: { 'Fn::Join': ['', ['a', { Ref: 'Param' }]] },
      H: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      I: { 'Fn::Split': [',', 'a,b'] },
      J: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'x'] },
      K: { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Key'] },
      L: { 'Fn::Base64': 'hello' },
      M: { 'Fn::ImportValue': 'shared-url' },
      N: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      O: { 'Fn::GetAZs': '' },
    });
    expect(template.Conditions).toEqual({
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      Both: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Or': [{ Condition: 'NotProd' }, { 'Fn::Equals': ['a', 'a'] }] }] },
    });
  });

  it('keeps block scalars, anchors and plain YAML 1.2 scalars as CloudFormation reads them', () => {
    const yaml = [
      'AWSTemplateFormatVersion: 2010-09-09',
      'Resources:',
      '  F:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Code:',
      '        ZipFile: !Sub |',
      '          exports.handler = async () => "${AWS::Region}";',
      '      Environment: &env',
      '        Variables: { N: 1234, B: true, S: yes }',
      '  G:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Environment: *env',
    ].join('\n');

    const template = parseTemplate(yaml, 't.yaml') as { AWSTemplateFormatVersion: string; Resources: Record<string, { Properties: Record<string, unknown> }> };

    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Resources.F!.Properties.Code).toEqual({ ZipFile: { 'Fn::Sub': 'exports.handler = async () => "${AWS::Region}";\n' } });
    expect(template.Resources.G!.Properties.Environment).toEqual({ Variables: { N: 1234, B: true, S: 'yes' } });
  });

  it('reads JSON templates', () => {
    expect(parseTemplate('{ "Resources": { "Q": { "Type": "AWS::SQS::Queue" } } }', 'x.template.json')).toEqual({
      Resources: { Q: { Type: 'AWS::SQS::Queue' } },
    });
  });

  it('names the file and line of a YAML error', () => {
    const error = errorOf(() => parseTemplate('Resources:\n  Q:\n    Type: [unclosed\n', 'bad.yaml'));

    expect(error.file).toBe('bad.yaml');
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/^bad\.yaml:\d+: invalid YAML/);
  });

  it('names the file and line of an unknown tag', () => {
    const error = errorOf(() => parseTemplate('Resources:\n  Q:\n    Type: !Bogus x\n', 'tags.yaml'));

    expect(error.message).toBe('tags.yaml:3: unknown tag !Bogus (CloudFormation knows !Ref, !Condition and !<Fn> for its intrinsic functions)');
  });

  it('names the file and line of a JSON error', () => {
    const error = errorOf(() => parseTemplate('{\n  "Resources": {\n    "Q": }\n}', 'bad.json'));

    expect(error.file).toBe('bad.json');
    expect(error.line).toBe(3);
  });

  it('finds the line of a JSON error deep in a long template', () => {
    const lines = ['{', '  "Resources": {', ...Array.from({ length: 30 }, (_, i) => `    "Queue${i}": { "Type": "AWS::SQS::Queue" },`), '    "Bad": { "Type": nope }', '  }', '}'];

    expect(errorOf(() => parseTemplate(lines.join('\n'), 'long.json')).line).toBe(33);
  });

  it('takes the last of duplicate keys, as CloudFormation does, with a warning', () => {
    const warnings: TemplateWarning[] = [];

    expect(parseTemplate('A: 1\nB:\n  C: 1\n  C: 2\nA: 3\n', 'dup.yaml', warnings)).toEqual({ A: 3, B: { C: 2 } });
    expect(warnings.map((w) => w.message)).toEqual([
      'line 4: key C appears twice in one mapping; the last value is used, as CloudFormation does',
      'line 5: key A appears twice in one mapping; the last value is used, as CloudFormation does',
    ]);
  });

  it('rejects a template that is not a mapping', () => {
    expect(errorOf(() => parseTemplate('- a\n', 'list.yaml')).message).toBe('list.yaml: a template must be a mapping with a Resources section');
  });
});
