import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../test/support/templates/assembly.ts';
import { exportNames, importNames, orderStacks } from './cross-stack.ts';
import { loadTemplate } from './load.ts';

const work = mkdtempSync(join(tmpdir(), 'templates-cross-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

writeFiles(work, {
  'consumer/template.yaml': 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !ImportValue shared-table }\n',
  'shared/template.yaml': [
    'Resources:',
    '  T: { Type: AWS::DynamoDB::Table }',
    'Outputs:',
    '  Table: { Value: !Ref T, Export: { Name: !Sub "${AWS::StackName}-table" } }',
  ].join('\n'),
  'loop-a/template.yaml': 'Resources:\n  Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !ImportValue b } }\nOutputs:\n  O: { Value: x, Export: { Name: a } }\n',
  'loop-b/template.yaml': 'Resources:\n  Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !ImportValue a } }\nOutputs:\n  O: { Value: x, Export: { Name: b } }\n',
});

describe('orderStacks', () => {
  it('puts an exporting stack before the stacks importing from it', async () => {
    const consumer = await loadTemplate(join(work, 'consumer/template.yaml'));
    const shared = await loadTemplate(join(work, 'shared/template.yaml'));

    expect(exportNames(shared)).toEqual(['shared-table']);
    expect(importNames(consumer)).toEqual(['shared-table']);
    expect(orderStacks([consumer, shared]).map((stack) => stack.name)).toEqual(['shared', 'consumer']);
  });

  it('names a cycle', async () => {
    const stacks = [await loadTemplate(join(work, 'loop-a/template.yaml')), await loadTemplate(join(work, 'loop-b/template.yaml'))];

    expect(() => orderStacks(stacks)).toThrow(/stacks import from each other in a cycle through loop-a/);
  });
});
